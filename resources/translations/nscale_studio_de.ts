<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>BoardChooser</name>
    <message>
        <source>Add to board</source>
        <translation>Zu einer Sammlung hinzufügen</translation>
    </message>
    <message>
        <source>Board name</source>
        <translation>Name der Sammlung</translation>
    </message>
    <message>
        <source>Board name (a new name creates a board)</source>
        <translation>Name der Sammlung (ein neuer Name legt eine Sammlung an)</translation>
    </message>
    <message>
        <source>Boards</source>
        <translation>Sammlungen</translation>
    </message>
</context>
<context>
    <name>BoardListModel</name>
    <message>
        <source>All images</source>
        <translation>Alle Bilder</translation>
    </message>
    <message>
        <source>Uncategorised</source>
        <translation>Ohne Sammlung</translation>
    </message>
    <message numerus="yes">
        <source>{name}: %Ln image(s)</source>
        <translation>
            <numerusform>{name}: %Ln Bild</numerusform>
            <numerusform>{name}: %Ln Bilder</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BoardListView</name>
    <message>
        <source>Boards</source>
        <translation>Sammlungen</translation>
    </message>
</context>
<context>
    <name>BoardPanel</name>
    <message>
        <source>Filter by rating</source>
        <translation>Nach Bewertung filtern</translation>
    </message>
    <message>
        <source>Any rating</source>
        <translation>Alle Bewertungen</translation>
    </message>
    <message>
        <source>Boards</source>
        <translation>Sammlungen</translation>
    </message>
    <message>
        <source>Boards could not be read</source>
        <translation>Die Sammlungen konnten nicht gelesen werden</translation>
    </message>
    <message>
        <source>{problem}. {reason}</source>
        <translation>{problem}. {reason}</translation>
    </message>
    <message>
        <source>Created board {name}.</source>
        <translation>Sammlung {name} angelegt.</translation>
    </message>
    <message>
        <source>The board could not be created</source>
        <translation>Die Sammlung konnte nicht angelegt werden</translation>
    </message>
    <message>
        <source>The board could not be renamed</source>
        <translation>Die Sammlung konnte nicht umbenannt werden</translation>
    </message>
    <message>
        <source>Renamed the board to {name}.</source>
        <translation>Sammlung in {name} umbenannt.</translation>
    </message>
    <message>
        <source>The board could not be deleted</source>
        <translation>Die Sammlung konnte nicht gelöscht werden</translation>
    </message>
    <message>
        <source>Deleted board {name}; its images stay in the library.</source>
        <translation>Sammlung {name} gelöscht; ihre Bilder bleiben in der Bibliothek.</translation>
    </message>
    <message numerus="yes">
        <source>Added %Ln image(s) to the board.</source>
        <translation>
            <numerusform>%Ln Bild zur Sammlung hinzugefügt.</numerusform>
            <numerusform>%Ln Bilder zur Sammlung hinzugefügt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Added %Ln image(s) to {board}.</source>
        <translation>
            <numerusform>%Ln Bild zu {board} hinzugefügt.</numerusform>
            <numerusform>%Ln Bilder zu {board} hinzugefügt.</numerusform>
        </translation>
    </message>
    <message>
        <source>The images could not be added to the board</source>
        <translation>Die Bilder konnten nicht zur Sammlung hinzugefügt werden</translation>
    </message>
    <message numerus="yes">
        <source>Removed %Ln image(s) from the board.</source>
        <translation>
            <numerusform>%Ln Bild aus der Sammlung entfernt.</numerusform>
            <numerusform>%Ln Bilder aus der Sammlung entfernt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removed %Ln image(s) from {board}.</source>
        <translation>
            <numerusform>%Ln Bild aus {board} entfernt.</numerusform>
            <numerusform>%Ln Bilder aus {board} entfernt.</numerusform>
        </translation>
    </message>
    <message>
        <source>The images could not be taken off the board</source>
        <translation>Die Bilder konnten nicht aus der Sammlung entfernt werden</translation>
    </message>
    <message>
        <source>The board could not be exported</source>
        <translation>Die Sammlung konnte nicht exportiert werden</translation>
    </message>
    <message>
        <source>Board name:</source>
        <translation>Name der Sammlung:</translation>
    </message>
    <message>
        <source>Delete board</source>
        <translation>Sammlung löschen</translation>
    </message>
    <message>
        <source>Delete the board “{name}”? Its images stay in the library.</source>
        <translation>Die Sammlung „{name}“ löschen? Ihre Bilder bleiben in der Bibliothek.</translation>
    </message>
    <message>
        <source>Export board to</source>
        <translation>Sammlung exportieren nach</translation>
    </message>
    <message>
        <source>New board…</source>
        <translation>Neue Sammlung …</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Umbenennen …</translation>
    </message>
    <message>
        <source>Export board…</source>
        <translation>Sammlung exportieren …</translation>
    </message>
    <message>
        <source>Delete board…</source>
        <translation>Sammlung löschen …</translation>
    </message>
    <message>
        <source>New board</source>
        <translation>Neue Sammlung</translation>
    </message>
    <message>
        <source>Rename board</source>
        <translation>Sammlung umbenennen</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>Compare</source>
        <translation>Vergleichen</translation>
    </message>
    <message>
        <source>1-4 pick · F favourite · D drop · S swap · O A/B overlay · Space flip · 0 fit · +/- zoom</source>
        <comment>the keys (1-4, F, D, S, O, Space, 0, +/-) are fixed: keep them</comment>
        <translation>1-4 auswählen · F Favorit · D herausnehmen · S tauschen · O A/B-Überlagerung · Leertaste umschalten · 0 einpassen · +/- zoomen</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>This image could not be opened.</source>
        <translation>Dieses Bild konnte nicht geöffnet werden.</translation>
    </message>
</context>
<context>
    <name>ImageInfoDialog</name>
    <message>
        <source>Image info</source>
        <translation>Bildinformationen</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>Negative prompt</source>
        <translation>Negativ-Prompt</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>Programm</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Metadata blocks</source>
        <translation>Metadatenblöcke</translation>
    </message>
    <message>
        <source>Reuse settings</source>
        <translation>Parameter übernehmen</translation>
    </message>
    <message>
        <source>Put this image&apos;s prompt (and model, if offered) in the panel</source>
        <translation>Den Prompt dieses Bildes (und das Modell, falls angeboten) in den Eingabebereich übernehmen</translation>
    </message>
    <message>
        <source>Add to library</source>
        <translation>Zur Bibliothek hinzufügen</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Wird gelesen …</translation>
    </message>
    <message numerus="yes">
        <source>Metadata blocks (%n)</source>
        <translation>
            <numerusform>Metadatenblöcke (%n)</numerusform>
            <numerusform>Metadatenblöcke (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>No metadata blocks in this file</source>
        <translation>Diese Datei enthält keine Metadatenblöcke</translation>
    </message>
    <message>
        <source>This file could not be read: {reason}</source>
        <translation>Diese Datei konnte nicht gelesen werden: {reason}</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy this block&apos;s text</source>
        <translation>Den Text dieses Blocks kopieren</translation>
    </message>
    <message numerus="yes">
        <source>… %Ln more character(s); Copy copies all.</source>
        <translation>
            <numerusform>… %Ln weiteres Zeichen; „Kopieren“ kopiert alles.</numerusform>
            <numerusform>… %Ln weitere Zeichen; „Kopieren“ kopiert alles.</numerusform>
        </translation>
    </message>
    <message>
        <source>Copied.</source>
        <translation>Kopiert.</translation>
    </message>
    <message>
        <source>Adding to the library…</source>
        <translation>Wird zur Bibliothek hinzugefügt …</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <source>Image</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Vorheriges</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Nächstes</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>100 %</source>
        <translation>100 %</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <source>Favourite</source>
        <translation>Favorit</translation>
    </message>
    <message>
        <source>Favourite (F or Ctrl+D)</source>
        <translation>Favorit (F oder Strg+D)</translation>
    </message>
    <message>
        <source>Add to board</source>
        <translation>Zu einer Sammlung hinzufügen</translation>
    </message>
    <message>
        <source>Add to board (B)</source>
        <translation>Zu einer Sammlung hinzufügen (B)</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Delete (Del); Ctrl+Z undoes</source>
        <translation>Löschen (Entf); Strg+Z macht es rückgängig</translation>
    </message>
    <message>
        <source>Previous (Left)</source>
        <translation>Vorheriges (Pfeil links)</translation>
    </message>
    <message>
        <source>Next (Right)</source>
        <translation>Nächstes (Pfeil rechts)</translation>
    </message>
    <message>
        <source>Fit to window (0)</source>
        <translation>An Fenster anpassen (0)</translation>
    </message>
    <message>
        <source>Actual size (Z)</source>
        <translation>Originalgröße (Z)</translation>
    </message>
    <message>
        <source>{percent} %</source>
        <translation>{percent} %</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>This image could not be opened.
{reason}</source>
        <translation>Dieses Bild konnte nicht geöffnet werden.
{reason}</translation>
    </message>
    <message>
        <source>This image is no longer in the library.</source>
        <translation>Dieses Bild ist nicht mehr in der Bibliothek.</translation>
    </message>
    <message>
        <source>{index} / {total}</source>
        <translation>{index} / {total}</translation>
    </message>
    <message>
        <source>No more images here.</source>
        <translation>Keine weiteren Bilder.</translation>
    </message>
</context>
<context>
    <name>LanguageChoice</name>
    <message>
        <source>Interface language</source>
        <translation>Sprache der Oberfläche</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>Takes effect the next time the app starts.</source>
        <translation>Wird beim nächsten Programmstart wirksam.</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Dismiss message</source>
        <translation>Meldung schließen</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
</context>
<context>
    <name>SortingController</name>
    <message>
        <source>board “{name}”</source>
        <translation>Sammlung „{name}“</translation>
    </message>
    <message>
        <source>the chosen board</source>
        <translation>die gewählte Sammlung</translation>
    </message>
    <message>
        <source>uncategorised</source>
        <translation>ohne Sammlung</translation>
    </message>
    <message numerus="yes">
        <source>rated %n+ stars</source>
        <translation>
            <numerusform>mit mindestens %n Stern bewertet</numerusform>
            <numerusform>mit mindestens %n Sternen bewertet</numerusform>
        </translation>
    </message>
    <message>
        <source>rated 5 stars</source>
        <translation>mit 5 Sternen bewertet</translation>
    </message>
    <message>
        <source>Choose All images and Any rating in the board list to see them all.</source>
        <translation>Wählen Sie „Alle Bilder“ und „Alle Bewertungen“ in der Sammlungsliste, um alle zu sehen.</translation>
    </message>
    <message>
        <source>Choose All images in the board list to see them all.</source>
        <translation>Wählen Sie „Alle Bilder“ in der Sammlungsliste, um alle zu sehen.</translation>
    </message>
    <message>
        <source>Choose Any rating in the board list to see them all.</source>
        <translation>Wählen Sie „Alle Bewertungen“ in der Sammlungsliste, um alle zu sehen.</translation>
    </message>
    <message>
        <source>Choose a board in the list first: images are removed from the board shown.</source>
        <translation>Wählen Sie zuerst eine Sammlung in der Liste: Bilder werden aus der angezeigten Sammlung entfernt.</translation>
    </message>
    <message>
        <source>Favourites could not be changed</source>
        <translation>Die Favoriten konnten nicht geändert werden</translation>
    </message>
    <message>
        <source>The rating could not be changed</source>
        <translation>Die Bewertung konnte nicht geändert werden</translation>
    </message>
    <message>
        <source>Select 2 to 4 images to compare.</source>
        <translation>Wählen Sie 2 bis 4 Bilder zum Vergleichen aus.</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>{app} could not start: {reason}

Details are in the log file.</source>
        <translation>{app} konnte nicht gestartet werden: {reason}

Einzelheiten stehen in der Protokolldatei.</translation>
    </message>
</context>
<context>
    <name>compare_view</name>
    <message>
        <source>unknown model</source>
        <translation>unbekanntes Modell</translation>
    </message>
</context>
<context>
    <name>error_actions</name>
    <message>
        <source>Set token…</source>
        <translation>Token festlegen …</translation>
    </message>
    <message>
        <source>Open Nscale console</source>
        <translation>Nscale-Konsole öffnen</translation>
    </message>
    <message>
        <source>Refresh models</source>
        <translation>Modelle aktualisieren</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Open settings</source>
        <translation>Einstellungen öffnen</translation>
    </message>
</context>
<context>
    <name>export</name>
    <message numerus="yes">
        <source>Exported %Ln image(s) to {folder}.</source>
        <translation>
            <numerusform>%Ln Bild nach {folder} exportiert.</numerusform>
            <numerusform>%Ln Bilder nach {folder} exportiert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{files} and %Ln more</source>
        <translation>
            <numerusform>{files} und %Ln weitere</numerusform>
            <numerusform>{files} und %Ln weitere</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported {written} of %Ln image(s) to {folder}; skipped: {files}.</source>
        <translation>
            <numerusform>{written} von %Ln Bild nach {folder} exportiert; übersprungen: {files}.</numerusform>
            <numerusform>{written} von %Ln Bildern nach {folder} exportiert; übersprungen: {files}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>image_actions</name>
    <message>
        <source>PNG image ({patterns})</source>
        <translation>PNG-Bild ({patterns})</translation>
    </message>
    <message>
        <source>JPEG image ({patterns})</source>
        <translation>JPEG-Bild ({patterns})</translation>
    </message>
    <message>
        <source>WebP image ({patterns})</source>
        <translation>WebP-Bild ({patterns})</translation>
    </message>
</context>
<context>
    <name>image_info</name>
    <message>
        <source>This image has no prompt to reuse.</source>
        <translation>Dieses Bild hat keinen Prompt, der sich übernehmen ließe.</translation>
    </message>
    <message>
        <source>Reused the prompt and the model.</source>
        <translation>Prompt und Modell übernommen.</translation>
    </message>
    <message>
        <source>Reused the prompt.</source>
        <translation>Prompt übernommen.</translation>
    </message>
    <message>
        <source>Not applicable here: {settings}.</source>
        <translation>Hier nicht anwendbar: {settings}.</translation>
    </message>
    <message>
        <source>the negative prompt (the Nscale API takes none)</source>
        <translation>der Negativ-Prompt (die Nscale-API kennt keinen)</translation>
    </message>
    <message>
        <source>the model {model} (this endpoint does not offer it)</source>
        <translation>das Modell {model} (dieser Endpunkt bietet es nicht an)</translation>
    </message>
    <message>
        <source>{settings} (the Nscale API has no such settings)</source>
        <translation>{settings} (die Nscale-API kennt solche Parameter nicht)</translation>
    </message>
</context>
<context>
    <name>notifications</name>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
</context>
</TS>
