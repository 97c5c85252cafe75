<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>Actions</name>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Speichern unter …</translation>
    </message>
    <message>
        <source>Copy image</source>
        <translation>Bild kopieren</translation>
    </message>
    <message>
        <source>Copy prompt</source>
        <translation>Prompt kopieren</translation>
    </message>
    <message>
        <source>Reuse settings</source>
        <translation>Parameter übernehmen</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Im Ordner anzeigen</translation>
    </message>
    <message>
        <source>Favourite</source>
        <translation>Favorit</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Export selection…</source>
        <translation>Auswahl exportieren …</translation>
    </message>
    <message>
        <source>Batch…</source>
        <translation>Stapel …</translation>
    </message>
    <message>
        <source>Add to board…</source>
        <translation>Zu einer Sammlung hinzufügen …</translation>
    </message>
    <message>
        <source>Remove from board</source>
        <translation>Aus Sammlung entfernen</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergleichen</translation>
    </message>
    <message>
        <source>Undo delete</source>
        <translation>Löschen rückgängig machen</translation>
    </message>
    <message>
        <source>Image info</source>
        <translation>Bildinformationen</translation>
    </message>
    <message>
        <source>Import folder…</source>
        <translation>Ordner importieren …</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Einstellungen …</translation>
    </message>
    <message>
        <source>Refresh models</source>
        <translation>Modelle aktualisieren</translation>
    </message>
    <message>
        <source>Search the library</source>
        <translation>Bibliothek durchsuchen</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Usage and spend…</source>
        <translation>&amp;Nutzung und Kosten …</translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation>&amp;Protokollordner öffnen</translation>
    </message>
    <message>
        <source>&amp;About {app}</source>
        <translation>&amp;Über {app}</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Werkzeuge</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hauptleiste</translation>
    </message>
</context>
<context>
    <name>BatchController</name>
    <message>
        <source>Batch finished: {done} of {total} done.</source>
        <translation>Stapel beendet: {done} von {total} erledigt.</translation>
    </message>
</context>
<context>
    <name>BatchDialog</name>
    <message>
        <source>Batch</source>
        <translation>Stapel</translation>
    </message>
    <message>
        <source>Prompt format</source>
        <translation>Prompt-Format</translation>
    </message>
    <message>
        <source>One prompt per line</source>
        <translation>Ein Prompt pro Zeile</translation>
    </message>
    <message>
        <source>CSV (prompt, model, size, n)</source>
        <translation>CSV (Prompt, Modell, Größe, n)</translation>
    </message>
    <message>
        <source>JSON lines</source>
        <translation>JSON Lines</translation>
    </message>
    <message>
        <source>Open file…</source>
        <translation>Datei öffnen …</translation>
    </message>
    <message>
        <source>Prompts</source>
        <translation>Prompts</translation>
    </message>
    <message>
        <source>One prompt per line. Blank lines and lines starting with # are skipped; {red|blue} makes one prompt for each choice.</source>
        <translation>Ein Prompt pro Zeile. Leere Zeilen und Zeilen, die mit # beginnen, werden übersprungen; {rot|blau} ergibt einen Prompt pro Möglichkeit.</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>Sizes</source>
        <translation>Größen</translation>
    </message>
    <message>
        <source>Other sizes</source>
        <translation>Weitere Größen</translation>
    </message>
    <message>
        <source>Other sizes, e.g. 1280x720, 640x480</source>
        <translation>Weitere Größen, z. B. 1280x720, 640x480</translation>
    </message>
    <message>
        <source>Images per request</source>
        <translation>Bilder pro Anfrage</translation>
    </message>
    <message>
        <source>Requests at once</source>
        <translation>Gleichzeitige Anfragen</translation>
    </message>
    <message numerus="yes">
        <source>How many of the batch&apos;s requests may be in flight at once (the window runs at most %n job(s) at a time).</source>
        <translation>
            <numerusform>Wie viele Anfragen des Stapels gleichzeitig laufen dürfen (das Fenster führt höchstens %n Auftrag zugleich aus).</numerusform>
            <numerusform>Wie viele Anfragen des Stapels gleichzeitig laufen dürfen (das Fenster führt höchstens %n Aufträge zugleich aus).</numerusform>
        </translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Unexpected {kind}.</source>
        <translation>Unerwarteter Fehler: {kind}.</translation>
    </message>
    <message>
        <source>No plan: {error}</source>
        <translation>Kein Plan: {error}</translation>
    </message>
    <message>
        <source>No prompts yet.</source>
        <translation>Noch keine Prompts.</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n Anfrage</numerusform>
            <numerusform>%n Anfragen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n Bild</numerusform>
            <numerusform>%n Bilder</numerusform>
        </translation>
    </message>
    <message>
        <source>≈ {cost}</source>
        <translation>≈ {cost}</translation>
    </message>
    <message>
        <source>≈ at least {cost}; no price is known for {models}</source>
        <translation>≈ mindestens {cost}; kein Preis bekannt für {models}</translation>
    </message>
    <message>
        <source>{requests} · {images} · {megapixels} MP · {cost}</source>
        <translation>{requests} · {images} · {megapixels} MP · {cost}</translation>
    </message>
    <message>
        <source>Open a prompt file</source>
        <translation>Prompt-Datei öffnen</translation>
    </message>
    <message>
        <source>Prompt files (*.txt *.csv *.jsonl *.ndjson);;All files (*)</source>
        <translation>Prompt-Dateien (*.txt *.csv *.jsonl *.ndjson);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>{file}: {error}</source>
        <translation>{file}: {error}</translation>
    </message>
</context>
<context>
    <name>BatchGridDialog</name>
    <message>
        <source>Batch results</source>
        <translation>Stapelergebnisse</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>Sizes</source>
        <translation>Größen</translation>
    </message>
    <message>
        <source>Shown for</source>
        <translation>Angezeigt für</translation>
    </message>
    <message>
        <source>Export contact sheet…</source>
        <translation>Kontaktbogen exportieren …</translation>
    </message>
    <message>
        <source>Columns:</source>
        <translation>Spalten:</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>Größe:</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Modell:</translation>
    </message>
    <message>
        <source>Export contact sheet</source>
        <translation>Kontaktbogen exportieren</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message numerus="yes">
        <source>Batch {number}: %n request(s)</source>
        <translation>
            <numerusform>Stapel {number}: %n Anfrage</numerusform>
            <numerusform>Stapel {number}: %n Anfragen</numerusform>
        </translation>
    </message>
    <message>
        <source>Making the contact sheet…</source>
        <translation>Kontaktbogen wird erstellt …</translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation>Gespeichert unter {path}</translation>
    </message>
    <message>
        <source>The contact sheet was not saved: {error}</source>
        <translation>Der Kontaktbogen wurde nicht gespeichert: {error}</translation>
    </message>
</context>
<context>
    <name>BatchGridModel</name>
    <message>
        <source>no image</source>
        <translation>kein Bild</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>wartet</translation>
    </message>
    <message>
        <source>running…</source>
        <translation>läuft …</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>nicht gesendet</translation>
    </message>
</context>
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
    <name>BudgetGuard</name>
    <message>
        <source>{amount} left today</source>
        <translation>heute noch {amount}</translation>
    </message>
    <message>
        <source>{amount} left this month</source>
        <translation>diesen Monat noch {amount}</translation>
    </message>
    <message>
        <source>This would take today&apos;s estimated spend past your daily limit.</source>
        <translation>Damit würden die geschätzten Kosten von heute Ihr Tageslimit überschreiten.</translation>
    </message>
    <message>
        <source>Spent today: {amount}</source>
        <translation>Heute ausgegeben: {amount}</translation>
    </message>
    <message>
        <source>Daily limit: {amount}</source>
        <translation>Tageslimit: {amount}</translation>
    </message>
    <message>
        <source>This would take this month&apos;s estimated spend past your monthly limit.</source>
        <translation>Damit würden die geschätzten Kosten dieses Monats Ihr Monatslimit überschreiten.</translation>
    </message>
    <message>
        <source>Spent this month: {amount}</source>
        <translation>Diesen Monat ausgegeben: {amount}</translation>
    </message>
    <message>
        <source>Monthly limit: {amount}</source>
        <translation>Monatslimit: {amount}</translation>
    </message>
    <message>
        <source>Jobs still running: {amount}</source>
        <translation>Noch laufende Aufträge: {amount}</translation>
    </message>
    <message>
        <source>This request: {amount}</source>
        <translation>Diese Anfrage: {amount}</translation>
    </message>
    <message>
        <source>Total: {amount}</source>
        <translation>Gesamt: {amount}</translation>
    </message>
    <message>
        <source>Estimates from your prices; change the limits in Settings, Budget.</source>
        <translation>Schätzungen nach Ihren Preisen; die Limits ändern Sie unter Einstellungen, Budget.</translation>
    </message>
    <message>
        <source>The spend so far could not be read, so the budget cannot be checked: {error}</source>
        <translation>Die bisherigen Kosten konnten nicht gelesen werden, daher lässt sich das Budget nicht prüfen: {error}</translation>
    </message>
    <message>
        <source>The budget figures are still being read; the spend so far is not known yet. Send anyway, or try again in a moment.</source>
        <translation>Die Budgetzahlen werden noch gelesen; die bisherigen Kosten sind noch nicht bekannt. Trotzdem senden oder gleich noch einmal versuchen.</translation>
    </message>
</context>
<context>
    <name>BudgetPage</name>
    <message>
        <source>Before a job or a batch is sent, its estimated cost plus what was spent in the day or the month is checked against these limits. Over a limit the window asks first (Allow once); the command line refuses unless given --ignore-budget. Leave a field empty for no limit.</source>
        <translation>Bevor ein Auftrag oder Stapel gesendet wird, werden seine geschätzten Kosten zusammen mit den Ausgaben des Tages bzw. Monats mit diesen Limits verglichen. Über einem Limit fragt das Fenster erst nach („Einmal erlauben“); die Befehlszeile lehnt ab, außer mit --ignore-budget. Lassen Sie ein Feld leer für kein Limit.</translation>
    </message>
    <message>
        <source>Daily limit in US dollars</source>
        <translation>Tageslimit in US-Dollar</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>kein Limit</translation>
    </message>
    <message>
        <source>Monthly limit in US dollars</source>
        <translation>Monatslimit in US-Dollar</translation>
    </message>
    <message>
        <source>Limits (estimated US dollars)</source>
        <translation>Limits (geschätzte US-Dollar)</translation>
    </message>
    <message>
        <source>Each day</source>
        <translation>Pro Tag</translation>
    </message>
    <message>
        <source>Each calendar month</source>
        <translation>Pro Kalendermonat</translation>
    </message>
    <message>
        <source>Reading the spend so far…</source>
        <translation>Bisherige Kosten werden gelesen …</translation>
    </message>
    <message>
        <source>Spend is estimated from the usage records and your prices (Settings, Prices); your Nscale bill is the authority.</source>
        <translation>Die Kosten werden aus den Nutzungsdaten und Ihren Preisen geschätzt (Einstellungen, Preise); maßgeblich ist Ihre Nscale-Rechnung.</translation>
    </message>
    <message>
        <source>Spent so far</source>
        <translation>Bisher ausgegeben</translation>
    </message>
    <message>
        <source>Today: {spent} spent, no limit</source>
        <translation>Heute: {spent} ausgegeben, kein Limit</translation>
    </message>
    <message>
        <source>Today: {spent} spent of {limit}, {left} left</source>
        <translation>Heute: {spent} von {limit} ausgegeben, noch {left}</translation>
    </message>
    <message>
        <source>This month: {spent} spent, no limit</source>
        <translation>Diesen Monat: {spent} ausgegeben, kein Limit</translation>
    </message>
    <message>
        <source>This month: {spent} spent of {limit}, {left} left</source>
        <translation>Diesen Monat: {spent} von {limit} ausgegeben, noch {left}</translation>
    </message>
    <message>
        <source>The spend so far could not be read: {error}</source>
        <translation>Die bisherigen Kosten konnten nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <source>A limit is an amount in US dollars from 0 to {most} like 5 or 12.50, or empty for no limit.</source>
        <translation>Ein Limit ist ein Betrag in US-Dollar von 0 bis {most}, etwa 5 oder 12.50, oder leer für kein Limit.</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
</context>
<context>
    <name>BudgetRefusalDialog</name>
    <message>
        <source>Over budget</source>
        <translation>Budget überschritten</translation>
    </message>
    <message>
        <source>Allow once</source>
        <translation>Einmal erlauben</translation>
    </message>
    <message>
        <source>Don&apos;t send</source>
        <translation>Nicht senden</translation>
    </message>
</context>
<context>
    <name>Choosers</name>
    <message>
        <source>Save image as</source>
        <translation>Bild speichern unter</translation>
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
    <name>EstimateNotice</name>
    <message>
        <source>Spend is an estimate: requests made by this app on this computer, times your prices per megapixel. Your Nscale bill is the authority.</source>
        <translation>Die Kosten sind geschätzt: Anfragen dieser Anwendung auf diesem Computer mal Ihre Preise pro Megapixel. Maßgeblich ist Ihre Nscale-Rechnung.</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Search prompts</source>
        <translation>Prompts durchsuchen</translation>
    </message>
    <message>
        <source>Search prompts…</source>
        <translation>Prompts durchsuchen …</translation>
    </message>
    <message>
        <source>Finds text anywhere in a prompt, in any script.
neg:word searches negative prompts, model:word model ids; &quot;two words&quot; finds a phrase.</source>
        <translation>Findet Text an beliebiger Stelle eines Prompts, in jeder Schrift.
neg:Wort durchsucht Negativ-Prompts, model:Wort Modell-IDs; &quot;zwei Wörter&quot; findet eine Wortfolge.</translation>
    </message>
    <message>
        <source>Clear search</source>
        <translation>Suche leeren</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Filter by model</source>
        <translation>Nach Modell filtern</translation>
    </message>
    <message>
        <source>All models</source>
        <translation>Alle Modelle</translation>
    </message>
    <message>
        <source>Filter by size</source>
        <translation>Nach Größe filtern</translation>
    </message>
    <message>
        <source>All sizes</source>
        <translation>Alle Größen</translation>
    </message>
    <message>
        <source>Filter by tool</source>
        <translation>Nach Programm filtern</translation>
    </message>
    <message>
        <source>All tools</source>
        <translation>Alle Programme</translation>
    </message>
    <message>
        <source>Filter by date</source>
        <translation>Nach Datum filtern</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Beliebiges Datum</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>Last 365 days</source>
        <translation>Letzte 365 Tage</translation>
    </message>
    <message>
        <source>Show favourites only</source>
        <translation>Nur Favoriten anzeigen</translation>
    </message>
    <message>
        <source>Favourites only</source>
        <translation>Nur Favoriten</translation>
    </message>
    <message>
        <source>Sort order</source>
        <translation>Sortierung</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>Neueste zuerst</translation>
    </message>
    <message>
        <source>Oldest first</source>
        <translation>Älteste zuerst</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Filter zurücksetzen</translation>
    </message>
    <message>
        <source>Show the whole library again</source>
        <translation>Wieder die ganze Bibliothek anzeigen</translation>
    </message>
    <message>
        <source>today</source>
        <translation>heute</translation>
    </message>
    <message>
        <source>last 7 days</source>
        <translation>letzte 7 Tage</translation>
    </message>
    <message>
        <source>last 30 days</source>
        <translation>letzte 30 Tage</translation>
    </message>
    <message>
        <source>last 365 days</source>
        <translation>letzte 365 Tage</translation>
    </message>
    <message>
        <source>last {days} days</source>
        <translation>letzte {days} Tage</translation>
    </message>
    <message>
        <source>imported images only</source>
        <translation>nur importierte Bilder</translation>
    </message>
    <message>
        <source>generated images only</source>
        <translation>nur erzeugte Bilder</translation>
    </message>
    <message>
        <source>{source} images only</source>
        <translation>nur Bilder aus {source}</translation>
    </message>
    <message>
        <source>search “{text}”</source>
        <translation>Suche „{text}“</translation>
    </message>
    <message>
        <source>model {name}</source>
        <translation>Modell {name}</translation>
    </message>
    <message>
        <source>size {size}</source>
        <translation>Größe {size}</translation>
    </message>
    <message>
        <source>tool {name}</source>
        <translation>Programm {name}</translation>
    </message>
    <message>
        <source>favourites only</source>
        <translation>nur Favoriten</translation>
    </message>
</context>
<context>
    <name>GalleryDelegate</name>
    <message>
        <source>File missing</source>
        <translation>Datei fehlt</translation>
    </message>
</context>
<context>
    <name>GalleryModel</name>
    <message numerus="yes">
        <source>%n star(s)</source>
        <translation>
            <numerusform>%n Stern</numerusform>
            <numerusform>%n Sterne</numerusform>
        </translation>
    </message>
    <message>
        <source>favourite</source>
        <translation>Favorit</translation>
    </message>
</context>
<context>
    <name>GalleryPanel</name>
    <message>
        <source>Your library is empty. Generated images appear here, or use Import folder…</source>
        <translation>Ihre Bibliothek ist leer. Erzeugte Bilder erscheinen hier, oder verwenden Sie „Ordner importieren …“.</translation>
    </message>
    <message>
        <source>No image matches the filters chosen.</source>
        <translation>Kein Bild entspricht den gewählten Filtern.</translation>
    </message>
    <message>
        <source>No image matches {filters}. Clear filters shows them all.</source>
        <translation>Kein Bild entspricht: {filters}. „Filter zurücksetzen“ zeigt wieder alle.</translation>
    </message>
    <message>
        <source>No image matches {filters}.</source>
        <translation>Kein Bild entspricht: {filters}.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln image(s)</source>
        <translation>
            <numerusform>%Ln Bild</numerusform>
            <numerusform>%Ln Bilder</numerusform>
        </translation>
    </message>
    <message>
        <source>{count} · filtered</source>
        <translation>{count} · gefiltert</translation>
    </message>
</context>
<context>
    <name>GalleryView</name>
    <message>
        <source>Image library</source>
        <translation>Bildbibliothek</translation>
    </message>
    <message>
        <source>Arrow keys move, Enter opens the viewer</source>
        <translation>Pfeiltasten bewegen, Eingabetaste öffnet die Bildansicht</translation>
    </message>
</context>
<context>
    <name>GeneralPage</name>
    <message>
        <source>In use now: {url}, from the {variable} environment variable, which overrides the URL saved here.</source>
        <translation>Jetzt verwendet: {url}, aus der Umgebungsvariable {variable}, die die hier gespeicherte URL ersetzt.</translation>
    </message>
    <message>
        <source>Generation</source>
        <translation>Erzeugung</translation>
    </message>
    <message>
        <source>Endpoint base URL</source>
        <translation>Basis-URL des Endpunkts</translation>
    </message>
    <message>
        <source>Default model</source>
        <translation>Standardmodell</translation>
    </message>
    <message>
        <source>Default size</source>
        <translation>Standardgröße</translation>
    </message>
    <message>
        <source>Default number of images</source>
        <translation>Standardanzahl an Bildern</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Bibliothek</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <source>{url} (from {variable})</source>
        <translation>{url} (aus {variable})</translation>
    </message>
</context>
<context>
    <name>GroupItemsModel</name>
    <message>
        <source>waiting</source>
        <translation>wartet</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message numerus="yes">
        <source>done: %n image(s)</source>
        <translation>
            <numerusform>fertig: %n Bild</numerusform>
            <numerusform>fertig: %n Bilder</numerusform>
        </translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>nicht gesendet</translation>
    </message>
    <message>
        <source>failed: {message}</source>
        <translation>fehlgeschlagen: {message}</translation>
    </message>
    <message>
        <source>{state} — {number}. {prompt} · {model} · {size} · ×{n}</source>
        <translation>{state} — {number}. {prompt} · {model} · {size} · ×{n}</translation>
    </message>
</context>
<context>
    <name>GroupRow</name>
    <message>
        <source>Batch progress</source>
        <translation>Fortschritt des Stapels</translation>
    </message>
    <message>
        <source>Cancel all</source>
        <translation>Alle abbrechen</translation>
    </message>
    <message>
        <source>Send nothing more and cancel the requests in flight</source>
        <translation>Nichts mehr senden und laufende Anfragen abbrechen</translation>
    </message>
    <message>
        <source>Retry failed</source>
        <translation>Fehlgeschlagene wiederholen</translation>
    </message>
    <message>
        <source>Send again the items that failed, were cancelled or were never sent; finished items are not sent again</source>
        <translation>Fehlgeschlagene, abgebrochene und nie gesendete Einträge erneut senden; fertige Einträge werden nicht noch einmal gesendet</translation>
    </message>
    <message>
        <source>Show grid</source>
        <translation>Raster anzeigen</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Einträge</translation>
    </message>
    <message>
        <source>Show or hide every item of the batch</source>
        <translation>Alle Einträge des Stapels ein- oder ausblenden</translation>
    </message>
    <message>
        <source>Remove the batch from the list</source>
        <translation>Den Stapel aus der Liste entfernen</translation>
    </message>
    <message>
        <source>Remove batch from the list</source>
        <translation>Stapel aus der Liste entfernen</translation>
    </message>
    <message>
        <source>Items of the batch</source>
        <translation>Einträge des Stapels</translation>
    </message>
    <message>
        <source>{done} of {total} done</source>
        <translation>{done} von {total} erledigt</translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n fehlgeschlagen</numerusform>
            <numerusform>%n fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not sent</source>
        <translation>
            <numerusform>%n nicht gesendet</numerusform>
            <numerusform>%n nicht gesendet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in flight</source>
        <translation>
            <numerusform>%n läuft</numerusform>
            <numerusform>%n laufen</numerusform>
        </translation>
    </message>
    <message>
        <source>spent ≈ {spent} of ≈ {estimate}</source>
        <translation>ausgegeben ≈ {spent} von ≈ {estimate}</translation>
    </message>
    <message>
        <source> · </source>
        <translation> · </translation>
    </message>
    <message>
        <source>Cancelled: nothing further was sent.</source>
        <translation>Abgebrochen: Es wurde nichts weiter gesendet.</translation>
    </message>
    <message>
        <source>Stopped: {message} Nothing further was sent.</source>
        <translation>Angehalten: {message} Es wurde nichts weiter gesendet.</translation>
    </message>
    <message>
        <source>a request failed.</source>
        <translation>Eine Anfrage ist fehlgeschlagen.</translation>
    </message>
    <message numerus="yes">
        <source>Batch: %n request(s)</source>
        <translation>
            <numerusform>Stapel: %n Anfrage</numerusform>
            <numerusform>Stapel: %n Anfragen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryPopup</name>
    <message>
        <source>Insert a style</source>
        <translation>Stil einfügen</translation>
    </message>
    <message>
        <source>Prompt history</source>
        <translation>Prompt-Verlauf</translation>
    </message>
    <message>
        <source>Search the prompt history</source>
        <translation>Prompt-Verlauf durchsuchen</translation>
    </message>
    <message>
        <source>Type to filter…</source>
        <translation>Zum Filtern tippen …</translation>
    </message>
    <message>
        <source>Prompts sent before</source>
        <translation>Bereits gesendete Prompts</translation>
    </message>
    <message>
        <source>Insert at cursor</source>
        <translation>An der Schreibmarke einfügen</translation>
    </message>
    <message>
        <source>Use prompt</source>
        <translation>Prompt verwenden</translation>
    </message>
    <message>
        <source>Use with its settings</source>
        <translation>Mit seinen Parametern verwenden</translation>
    </message>
    <message>
        <source>The prompt and the model, size and number of images it was last sent with</source>
        <translation>Den Prompt mit Modell, Größe und Bildanzahl seiner letzten Sendung</translation>
    </message>
    <message>
        <source>Pin as style</source>
        <translation>Als Stil anheften</translation>
    </message>
    <message>
        <source>The history could not be read: {error}</source>
        <translation>Der Verlauf konnte nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <source>No prompt in the history contains that.</source>
        <translation>Kein Prompt im Verlauf enthält das.</translation>
    </message>
    <message>
        <source>No saved styles yet: pin a prompt in the history (Ctrl+H) to keep it here.</source>
        <translation>Noch keine gespeicherten Stile: Heften Sie einen Prompt im Verlauf (Strg+H) an, um ihn hier zu behalten.</translation>
    </message>
    <message>
        <source>No prompts yet: every prompt you send is kept here.</source>
        <translation>Noch keine Prompts: Jeder gesendete Prompt wird hier aufbewahrt.</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>Lösen</translation>
    </message>
</context>
<context>
    <name>HistoryTableModel</name>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>Verwendet</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>Zuletzt verwendet</translation>
    </message>
    <message>
        <source>Last settings</source>
        <translation>Letzte Parameter</translation>
    </message>
    <message numerus="yes">
        <source>%n time(s)</source>
        <translation>
            <numerusform>%n-mal</numerusform>
            <numerusform>%n-mal</numerusform>
        </translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>Pinned style: {prompt}</source>
        <translation>Angehefteter Stil: {prompt}</translation>
    </message>
    <message>
        <source>{model} · {size} · ×{count}</source>
        <translation>{model} · {size} · ×{count}</translation>
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
    <name>JobRow</name>
    <message>
        <source>Cancel this job</source>
        <translation>Diesen Auftrag abbrechen</translation>
    </message>
    <message>
        <source>Cancel job</source>
        <translation>Auftrag abbrechen</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>Jetzt erneut versuchen</translation>
    </message>
    <message>
        <source>Save to…</source>
        <translation>Speichern in …</translation>
    </message>
    <message>
        <source>Save the images the library could not keep to a folder</source>
        <translation>Die Bilder, die die Bibliothek nicht behalten konnte, in einem Ordner speichern</translation>
    </message>
    <message>
        <source>Remove from the list</source>
        <translation>Aus der Liste entfernen</translation>
    </message>
    <message>
        <source>Remove job from the list</source>
        <translation>Auftrag aus der Liste entfernen</translation>
    </message>
    <message>
        <source>Job: {prompt}</source>
        <translation>Auftrag: {prompt}</translation>
    </message>
</context>
<context>
    <name>JobsController</name>
    <message numerus="yes">
        <source>%n new image(s) ready.</source>
        <translation>
            <numerusform>%n neues Bild fertig.</numerusform>
            <numerusform>%n neue Bilder fertig.</numerusform>
        </translation>
    </message>
    <message>
        <source>A job failed: {reason}</source>
        <translation>Ein Auftrag ist fehlgeschlagen: {reason}</translation>
    </message>
    <message>
        <source>Save the images to</source>
        <translation>Bilder speichern in</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n image(s) to {folder}.</source>
        <translation>
            <numerusform>%n Bild in {folder} gespeichert.</numerusform>
            <numerusform>%n Bilder in {folder} gespeichert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Im Ordner anzeigen</translation>
    </message>
    <message>
        <source>The images could not be saved</source>
        <translation>Die Bilder konnten nicht gespeichert werden</translation>
    </message>
</context>
<context>
    <name>JobsPanel</name>
    <message>
        <source>Jobs</source>
        <translation>Aufträge</translation>
    </message>
    <message>
        <source>Clear finished</source>
        <translation>Erledigte entfernen</translation>
    </message>
    <message>
        <source>No jobs yet. Write a prompt and press Generate.</source>
        <translation>Noch keine Aufträge. Schreiben Sie einen Prompt und klicken Sie auf „Erzeugen“.</translation>
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
    <name>LibraryController</name>
    <message>
        <source>unexpected {kind}; details are in the log</source>
        <translation>unerwarteter Fehler {kind}; Einzelheiten stehen im Protokoll</translation>
    </message>
    <message numerus="yes">
        <source>Dragging %n image(s): drop them on a board. To copy this many files to a folder, use Export selection.</source>
        <translation>
            <numerusform>%n Bild wird gezogen: Legen Sie es auf einer Sammlung ab. Um so viele Dateien in einen Ordner zu kopieren, verwenden Sie „Auswahl exportieren“.</numerusform>
            <numerusform>%n Bilder werden gezogen: Legen Sie sie auf einer Sammlung ab. Um so viele Dateien in einen Ordner zu kopieren, verwenden Sie „Auswahl exportieren“.</numerusform>
        </translation>
    </message>
    <message>
        <source>Couldn&apos;t open a file manager; the file is at {path}</source>
        <translation>Es ließ sich kein Dateimanager öffnen; die Datei liegt unter {path}</translation>
    </message>
    <message>
        <source>Couldn&apos;t open a file manager; the folder is at {path}</source>
        <translation>Es ließ sich kein Dateimanager öffnen; der Ordner liegt unter {path}</translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation>Pfad kopieren</translation>
    </message>
    <message>
        <source>Saved {name}.</source>
        <translation>{name} gespeichert.</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Im Ordner anzeigen</translation>
    </message>
    <message>
        <source>The image could not be saved</source>
        <translation>Das Bild konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Image copied.</source>
        <translation>Bild kopiert.</translation>
    </message>
    <message>
        <source>The image could not be copied</source>
        <translation>Das Bild konnte nicht kopiert werden</translation>
    </message>
    <message>
        <source>Settings reused (Ctrl+Z restores your text). Not applicable here: the model {model}.</source>
        <translation>Parameter übernommen (Strg+Z stellt Ihren Text wieder her). Hier nicht anwendbar: das Modell {model}.</translation>
    </message>
    <message>
        <source>Settings reused (Ctrl+Z restores your text).</source>
        <translation>Parameter übernommen (Strg+Z stellt Ihren Text wieder her).</translation>
    </message>
    <message>
        <source>The image&apos;s settings could not be read</source>
        <translation>Die Parameter des Bildes konnten nicht gelesen werden</translation>
    </message>
    <message>
        <source>Favourites could not be changed</source>
        <translation>Die Favoriten konnten nicht geändert werden</translation>
    </message>
    <message numerus="yes">
        <source>Deleting %n image(s)…</source>
        <translation>
            <numerusform>%n Bild wird gelöscht…</numerusform>
            <numerusform>%n Bilder werden gelöscht…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n image(s).</source>
        <translation>
            <numerusform>%n Bild gelöscht.</numerusform>
            <numerusform>%n Bilder gelöscht.</numerusform>
        </translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>The images could not be deleted</source>
        <translation>Die Bilder konnten nicht gelöscht werden</translation>
    </message>
    <message>
        <source>Those images were already deleted.</source>
        <translation>Diese Bilder waren bereits gelöscht.</translation>
    </message>
    <message numerus="yes">
        <source>Restoring %n image(s)…</source>
        <translation>
            <numerusform>%n Bild wird wiederhergestellt…</numerusform>
            <numerusform>%n Bilder werden wiederhergestellt…</numerusform>
        </translation>
    </message>
    <message>
        <source>Restored.</source>
        <translation>Wiederhergestellt.</translation>
    </message>
    <message>
        <source>The images could not be restored</source>
        <translation>Die Bilder konnten nicht wiederhergestellt werden</translation>
    </message>
    <message>
        <source>Added to the library.</source>
        <translation>Zur Bibliothek hinzugefügt.</translation>
    </message>
    <message>
        <source>Already in the library.</source>
        <translation>Bereits in der Bibliothek.</translation>
    </message>
    <message>
        <source>It could not be added: {reason}</source>
        <translation>Es konnte nicht hinzugefügt werden: {reason}</translation>
    </message>
</context>
<context>
    <name>LibraryPane</name>
    <message>
        <source>The library in {folder} could not be opened: {reason}</source>
        <translation>Die Bibliothek in {folder} konnte nicht geöffnet werden: {reason}</translation>
    </message>
    <message>
        <source>Open settings</source>
        <translation>Einstellungen öffnen</translation>
    </message>
    <message>
        <source>The library index was damaged and has been set aside as {name}; the images are being re-indexed from their embedded metadata.</source>
        <translation>Der Index der Bibliothek war beschädigt und wurde als {name} beiseitegelegt; die Bilder werden anhand ihrer eingebetteten Metadaten neu erfasst.</translation>
    </message>
</context>
<context>
    <name>LibraryTransfers</name>
    <message>
        <source>Export images to</source>
        <translation>Bilder exportieren nach</translation>
    </message>
    <message>
        <source>The images could not be exported</source>
        <translation>Die Bilder konnten nicht exportiert werden</translation>
    </message>
    <message>
        <source>Export to the top of the file system?</source>
        <translation>In die oberste Ebene des Dateisystems exportieren?</translation>
    </message>
    <message>
        <source>Export {count} images straight into {folder}?</source>
        <translation>{count} Bilder direkt nach {folder} exportieren?</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Files with these names exist</source>
        <translation>Dateien mit diesen Namen sind bereits vorhanden</translation>
    </message>
    <message>
        <source>{count} of the files are already in {folder} ({names}). Nothing is replaced: keep both, the new copies named “… (2)”?</source>
        <translation>{count} der Dateien sind bereits in {folder} ({names}). Nichts wird ersetzt: Beide behalten und die neuen Kopien „… (2)“ nennen?</translation>
    </message>
    <message>
        <source>Keep both</source>
        <translation>Beide behalten</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Im Ordner anzeigen</translation>
    </message>
    <message>
        <source>Import images from</source>
        <translation>Bilder importieren aus</translation>
    </message>
    <message>
        <source>Import from {folder}: copy the images into the library folder, so the library owns them, or keep them where they are and only index them (no disk space used; if that folder moves, its images show as missing)? Remembered for later imports.</source>
        <translation>Import aus {folder}: Die Bilder in den Bibliotheksordner kopieren, damit die Bibliothek sie besitzt, oder dort belassen und nur erfassen (kein zusätzlicher Speicherplatz; wird der Ordner verschoben, gelten seine Bilder als fehlend)? Die Wahl gilt auch für spätere Importe.</translation>
    </message>
    <message>
        <source>Copy into the library</source>
        <translation>In die Bibliothek kopieren</translation>
    </message>
    <message>
        <source>Keep where they are</source>
        <translation>Dort belassen, wo sie sind</translation>
    </message>
    <message>
        <source>Importing images from {folder}…</source>
        <translation>Bilder werden aus {folder} importiert …</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n image(s).</source>
        <translation>
            <numerusform>%n Bild importiert.</numerusform>
            <numerusform>%n Bilder importiert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already in the library.</source>
        <translation>
            <numerusform>%n bereits in der Bibliothek.</numerusform>
            <numerusform>%n bereits in der Bibliothek.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n could not be read.</source>
        <translation>
            <numerusform>%n konnte nicht gelesen werden.</numerusform>
            <numerusform>%n konnten nicht gelesen werden.</numerusform>
        </translation>
    </message>
    <message>
        <source>The import was cancelled.</source>
        <translation>Der Import wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Show imported</source>
        <translation>Importierte anzeigen</translation>
    </message>
    <message>
        <source>Details…</source>
        <translation>Details …</translation>
    </message>
    <message>
        <source>Files that could not be imported</source>
        <translation>Dateien, die nicht importiert werden konnten</translation>
    </message>
    <message>
        <source>The folder could not be imported</source>
        <translation>Der Ordner konnte nicht importiert werden</translation>
    </message>
    <message>
        <source>{folders} and {count} more</source>
        <translation>{folders} und {count} weitere</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) could not be found where they were ({folders}): moved or removed? Missing images are hidden from the grid and come back when their files do.</source>
        <translation>
            <numerusform>%n Bild wurde an seinem Ort nicht gefunden ({folders}): verschoben oder entfernt? Fehlende Bilder werden im Raster ausgeblendet und erscheinen wieder, sobald ihre Dateien zurück sind.</numerusform>
            <numerusform>%n Bilder wurden an ihrem Ort nicht gefunden ({folders}): verschoben oder entfernt? Fehlende Bilder werden im Raster ausgeblendet und erscheinen wieder, sobald ihre Dateien zurück sind.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LibraryWorker</name>
    <message>
        <source>The library could not be read: {error}</source>
        <translation>Die Bibliothek konnte nicht gelesen werden: {error}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Something went wrong ({summary}). The details were written to the log; you can keep working.</source>
        <translation>Etwas ist schiefgegangen ({summary}). Die Einzelheiten stehen im Protokoll; Sie können weiterarbeiten.</translation>
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
    <name>ModelCatalog</name>
    <message>
        <source>No service token is set. Create one in the Nscale console, then paste it with “Set token…”. Browsing and managing your library works without one.</source>
        <translation>Es ist kein Dienst-Token festgelegt. Erstellen Sie eines in der Nscale-Konsole und fügen Sie es mit „Token festlegen …“ ein. Die Bibliothek lässt sich auch ohne Token durchsuchen und verwalten.</translation>
    </message>
    <message>
        <source>Set token…</source>
        <translation>Token festlegen …</translation>
    </message>
    <message>
        <source>Open Nscale console</source>
        <translation>Nscale-Konsole öffnen</translation>
    </message>
    <message>
        <source>Refreshing the model list…</source>
        <translation>Modellliste wird aktualisiert …</translation>
    </message>
    <message numerus="yes">
        <source>Model list refreshed: %n model(s).</source>
        <translation>
            <numerusform>Modellliste aktualisiert: %n Modell.</numerusform>
            <numerusform>Modellliste aktualisiert: %n Modelle.</numerusform>
        </translation>
    </message>
    <message>
        <source>Model list refreshed: no image models; the built-in list is kept.</source>
        <translation>Modellliste aktualisiert: keine Bildmodelle; die eingebaute Liste bleibt.</translation>
    </message>
    <message>
        <source>Last attempt failed: {reason} Using the saved list.</source>
        <translation>Letzter Versuch fehlgeschlagen: {reason} Die gespeicherte Liste wird verwendet.</translation>
    </message>
    <message>
        <source>The model list could not be loaded: {reason} Using the saved list.</source>
        <translation>Die Modellliste konnte nicht geladen werden: {reason} Die gespeicherte Liste wird verwendet.</translation>
    </message>
    <message>
        <source>The model list could not be loaded: {reason}</source>
        <translation>Die Modellliste konnte nicht geladen werden: {reason}</translation>
    </message>
    <message>
        <source>Refresh models</source>
        <translation>Modelle aktualisieren</translation>
    </message>
</context>
<context>
    <name>PriceEditor</name>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>USD per megapixel</source>
        <translation>USD pro Megapixel</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Model id, e.g. org/model-name</source>
        <translation>Modell-ID, z. B. org/modellname</translation>
    </message>
    <message>
        <source>Add model</source>
        <translation>Modell hinzufügen</translation>
    </message>
    <message>
        <source>Used for spend estimates only. Your price wins over the server&apos;s list, which wins over the built-in defaults.</source>
        <translation>Nur für Kostenschätzungen. Ihr Preis hat Vorrang vor der Liste des Servers, diese vor den eingebauten Vorgaben.</translation>
    </message>
    <message>
        <source>Price per megapixel for {model}</source>
        <translation>Preis pro Megapixel für {model}</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Use the server&apos;s or the default price</source>
        <translation>Den Preis des Servers oder den Standardpreis verwenden</translation>
    </message>
    <message>
        <source>your price</source>
        <translation>Ihr Preis</translation>
    </message>
    <message>
        <source>server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>no price: enter one</source>
        <translation>kein Preis: bitte eingeben</translation>
    </message>
</context>
<context>
    <name>PricesPage</name>
    <message>
        <source>Prices</source>
        <translation>Preise</translation>
    </message>
</context>
<context>
    <name>PromptHistory</name>
    <message>
        <source>Prompt history…</source>
        <translation>Prompt-Verlauf …</translation>
    </message>
    <message>
        <source>Insert style…</source>
        <translation>Stil einfügen …</translation>
    </message>
</context>
<context>
    <name>PromptPanel</name>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>Describe the image; Ctrl+Enter generates</source>
        <translation>Beschreiben Sie das Bild; Strg+Eingabe erzeugt es</translation>
    </message>
    <message>
        <source>Describe the image you want…  (Ctrl+Enter generates)</source>
        <translation>Beschreiben Sie das gewünschte Bild …  (Strg+Eingabe erzeugt es)</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>model id, e.g. {model}</source>
        <translation>Modell-ID, z. B. {model}</translation>
    </message>
    <message>
        <source>Refresh the model list from the server</source>
        <translation>Modellliste vom Server neu laden</translation>
    </message>
    <message>
        <source>Refresh models</source>
        <translation>Modelle aktualisieren</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation>Benutzerdefiniert …</translation>
    </message>
    <message>
        <source>Custom size</source>
        <translation>Eigene Größe</translation>
    </message>
    <message>
        <source>Width x height in pixels, e.g. 1280x720</source>
        <translation>Breite x Höhe in Pixeln, z. B. 1280x720</translation>
    </message>
    <message>
        <source>W x H, e.g. 1280x720</source>
        <translation>B x H, z. B. 1280x720</translation>
    </message>
    <message>
        <source>Number of images</source>
        <translation>Anzahl der Bilder</translation>
    </message>
    <message>
        <source>How many images ({least}–{most})</source>
        <translation>Wie viele Bilder ({least}–{most})</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Erzeugen</translation>
    </message>
    <message>
        <source>Generate (Ctrl+Enter)</source>
        <translation>Erzeugen (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>No price is known for {model}, so no estimate. Add one in Settings, Prices.</source>
        <translation>Für {model} ist kein Preis bekannt, daher keine Schätzung. Legen Sie einen unter Einstellungen, Preise fest.</translation>
    </message>
    <message>
        <source>Estimated cost of this request: images × megapixels × {price} / MP for {model}. An estimate from your prices; your Nscale bill is the authority.</source>
        <translation>Geschätzte Kosten dieser Anfrage: Bilder × Megapixel × {price} / MP für {model}. Eine Schätzung nach Ihren Preisen; maßgeblich ist Ihre Nscale-Rechnung.</translation>
    </message>
    <message>
        <source>Describe the image you want first.</source>
        <translation>Beschreiben Sie zuerst das gewünschte Bild.</translation>
    </message>
    <message>
        <source>Choose a model or type a model id.</source>
        <translation>Wählen Sie ein Modell oder geben Sie eine Modell-ID ein.</translation>
    </message>
</context>
<context>
    <name>RangeBox</name>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Dieser Monat</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>Letzter Monat</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>Letzte 12 Monate</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>Gesamter Zeitraum</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Benutzerdefiniert</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
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
    <name>TokenSection</name>
    <message>
        <source>Service token</source>
        <translation>Dienst-Token</translation>
    </message>
    <message>
        <source>Paste a service token from the Nscale console</source>
        <translation>Dienst-Token aus der Nscale-Konsole einfügen</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>Festlegen</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>Keep for this session only</source>
        <translation>Nur für diese Sitzung behalten</translation>
    </message>
    <message>
        <source>Checking where the token is kept…</source>
        <translation>Es wird geprüft, wo das Token liegt …</translation>
    </message>
    <message>
        <source>The {variable} environment variable is set, so its token is in use and takes precedence over one set here. A token you set or keep here is stored, but used only once that variable is unset.</source>
        <translation>Die Umgebungsvariable {variable} ist gesetzt, daher wird ihr Token verwendet und hat Vorrang vor einem hier festgelegten. Ein hier festgelegtes oder behaltenes Token wird gespeichert, aber erst verwendet, wenn die Variable nicht mehr gesetzt ist.</translation>
    </message>
    <message>
        <source>Get a service token in the &lt;a href=&quot;{url}&quot;&gt;Nscale console&lt;/a&gt;.</source>
        <translation>Ein Dienst-Token erhalten Sie in der &lt;a href=&quot;{url}&quot;&gt;Nscale-Konsole&lt;/a&gt;.</translation>
    </message>
    <message>
        <source>The only keyring available here stores secrets unencrypted in a plain file (anyone who can read your files can read the token). Store it there anyway, or keep it for this session only?</source>
        <translation>Der einzige hier verfügbare Schlüsselbund speichert Geheimnisse unverschlüsselt in einer einfachen Datei (wer Ihre Dateien lesen kann, kann auch das Token lesen). Trotzdem dort speichern oder nur für diese Sitzung behalten?</translation>
    </message>
    <message>
        <source>Store unencrypted anyway</source>
        <translation>Trotzdem unverschlüsselt speichern</translation>
    </message>
    <message>
        <source>the {variable} environment variable</source>
        <translation>der Umgebungsvariable {variable}</translation>
    </message>
    <message>
        <source>this session only (kept in memory)</source>
        <translation>nur dieser Sitzung (im Speicher)</translation>
    </message>
    <message>
        <source>the system keyring</source>
        <translation>dem Schlüsselbund des Systems</translation>
    </message>
    <message>
        <source>nowhere</source>
        <translation>nirgendwo</translation>
    </message>
    <message>
        <source>A token is set, from {where}.</source>
        <translation>Ein Token ist festgelegt, aus {where}.</translation>
    </message>
    <message>
        <source>Kept for this session only: the token is in memory and forgotten when the app quits. Keyring backend: {backend}.</source>
        <translation>Nur für diese Sitzung behalten: Das Token liegt im Speicher und wird beim Beenden vergessen. Schlüsselbund-Backend: {backend}.</translation>
    </message>
    <message>
        <source>A token is set, from {where}. Keyring backend: {backend}.</source>
        <translation>Ein Token ist festgelegt, aus {where}. Schlüsselbund-Backend: {backend}.</translation>
    </message>
    <message>
        <source>No token is set. Keyring backend: {backend}.</source>
        <translation>Kein Token festgelegt. Schlüsselbund-Backend: {backend}.</translation>
    </message>
    <message>
        <source>{status} (This backend stores secrets unencrypted.)</source>
        <translation>{status} (Dieses Backend speichert Geheimnisse unverschlüsselt.)</translation>
    </message>
    <message>
        <source>{problem} You can keep a token for this session only; it is forgotten when the app quits.</source>
        <translation>{problem} Sie können ein Token nur für diese Sitzung behalten; es wird beim Beenden vergessen.</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Verbergen</translation>
    </message>
    <message>
        <source>Paste a token first.</source>
        <translation>Fügen Sie zuerst ein Token ein.</translation>
    </message>
    <message>
        <source>The token was not saved. {error}</source>
        <translation>Das Token wurde nicht gespeichert. {error}</translation>
    </message>
    <message>
        <source>Kept for this session only, but not in use yet: the {variable} environment variable takes precedence until it is unset.</source>
        <translation>Nur für diese Sitzung behalten, aber noch nicht verwendet: Die Umgebungsvariable {variable} hat Vorrang, bis sie nicht mehr gesetzt ist.</translation>
    </message>
    <message>
        <source>Stored in the system keyring, but not in use yet: the {variable} environment variable takes precedence until it is unset.</source>
        <translation>Im Schlüsselbund des Systems gespeichert, aber noch nicht verwendet: Die Umgebungsvariable {variable} hat Vorrang, bis sie nicht mehr gesetzt ist.</translation>
    </message>
    <message>
        <source>Kept for this session only; it is in use now.</source>
        <translation>Nur für diese Sitzung behalten; es wird jetzt verwendet.</translation>
    </message>
    <message>
        <source>Stored in the system keyring; it is in use now.</source>
        <translation>Im Schlüsselbund des Systems gespeichert; es wird jetzt verwendet.</translation>
    </message>
    <message>
        <source>Testing {url}…</source>
        <translation>{url} wird getestet …</translation>
    </message>
    <message numerus="yes">
        <source>Connected to {url}: the server lists %n image model(s).</source>
        <translation>
            <numerusform>Verbunden mit {url}: Der Server bietet %n Bildmodell an.</numerusform>
            <numerusform>Verbunden mit {url}: Der Server bietet %n Bildmodelle an.</numerusform>
        </translation>
    </message>
    <message>
        <source>Connection to {url} failed: {error}</source>
        <translation>Verbindung zu {url} fehlgeschlagen: {error}</translation>
    </message>
</context>
<context>
    <name>UsageChart</name>
    <message>
        <source>Usage chart</source>
        <translation>Nutzungsdiagramm</translation>
    </message>
    <message>
        <source>Daily limit {amount}</source>
        <translation>Tageslimit {amount}</translation>
    </message>
    <message>
        <source>Monthly limit {amount}</source>
        <translation>Monatslimit {amount}</translation>
    </message>
    <message>
        <source>{title}: no data</source>
        <translation>{title}: keine Daten</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>Keine Daten</translation>
    </message>
    <message numerus="yes">
        <source>%n week(s)</source>
        <translation>
            <numerusform>%n Woche</numerusform>
            <numerusform>%n Wochen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n month(s)</source>
        <translation>
            <numerusform>%n Monat</numerusform>
            <numerusform>%n Monate</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tage</numerusform>
        </translation>
    </message>
    <message>
        <source>{title} ({span}).</source>
        <translation>{title} ({span}).</translation>
    </message>
    <message>
        <source>{span}.</source>
        <translation>{span}.</translation>
    </message>
    <message numerus="yes">
        <source>Daily limit {amount}, exceeded on %n day(s).</source>
        <translation>
            <numerusform>Tageslimit {amount}, an %n Tag überschritten.</numerusform>
            <numerusform>Tageslimit {amount}, an %n Tagen überschritten.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Monthly limit {amount}, exceeded in %n month(s).</source>
        <translation>
            <numerusform>Monatslimit {amount}, in %n Monat überschritten.</numerusform>
            <numerusform>Monatslimit {amount}, in %n Monaten überschritten.</numerusform>
        </translation>
    </message>
    <message>
        <source>No usage in this range</source>
        <translation>Keine Nutzung in diesem Zeitraum</translation>
    </message>
    <message>
        <source>{limit} (above the chart)</source>
        <translation>{limit} (oberhalb des Diagramms)</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nichts</translation>
    </message>
</context>
<context>
    <name>UsageSummary</name>
    <message>
        <source>No requests recorded in this range.</source>
        <translation>In diesem Zeitraum wurden keine Anfragen aufgezeichnet.</translation>
    </message>
    <message>
        <source>Estimated spend incomplete: a model has no price</source>
        <translation>Geschätzte Kosten unvollständig: ein Modell hat keinen Preis</translation>
    </message>
    <message>
        <source>Estimated spend {amount}</source>
        <translation>Geschätzte Kosten {amount}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln failed</source>
        <translation>
            <numerusform>%Ln fehlgeschlagen</numerusform>
            <numerusform>%Ln fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message>
        <source>{failed} ({kinds})</source>
        <translation>{failed} ({kinds})</translation>
    </message>
    <message>
        <source>{megapixels} MP</source>
        <translation>{megapixels} MP</translation>
    </message>
    <message numerus="yes">
        <source>%Ln request(s)</source>
        <translation>
            <numerusform>%Ln Anfrage</numerusform>
            <numerusform>%Ln Anfragen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln image(s)</source>
        <translation>
            <numerusform>%Ln Bild</numerusform>
            <numerusform>%Ln Bilder</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln cancelled</source>
        <translation>
            <numerusform>%Ln abgebrochen</numerusform>
            <numerusform>%Ln abgebrochen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UsageTableModel</name>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>Megapixels</source>
        <translation>Megapixel</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Price / MP</source>
        <translation>Preis / MP</translation>
    </message>
    <message>
        <source>Est. spend</source>
        <translation>Gesch. Kosten</translation>
    </message>
    <message>
        <source>Not charged:
{kinds}</source>
        <translation>Nicht berechnet:
{kinds}</translation>
    </message>
    <message>
        <source>No price for this model: set one in Settings &gt; Prices.</source>
        <translation>Kein Preis für dieses Modell: Legen Sie einen unter Einstellungen &gt; Preise fest.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>{price} / MP</source>
        <translation>{price} / MP</translation>
    </message>
    <message>
        <source>price unknown</source>
        <translation>Preis unbekannt</translation>
    </message>
</context>
<context>
    <name>UsageView</name>
    <message>
        <source>Usage and estimated spend</source>
        <translation>Nutzung und geschätzte Kosten</translation>
    </message>
    <message>
        <source>All models</source>
        <translation>Alle Modelle</translation>
    </message>
    <message>
        <source>Per day</source>
        <translation>Pro Tag</translation>
    </message>
    <message>
        <source>Per week</source>
        <translation>Pro Woche</translation>
    </message>
    <message>
        <source>Per month</source>
        <translation>Pro Monat</translation>
    </message>
    <message>
        <source>Per model</source>
        <translation>Pro Modell</translation>
    </message>
    <message>
        <source>Estimated spend</source>
        <translation>Geschätzte Kosten</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>Chart shows</source>
        <translation>Diagramm zeigt</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren …</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>Usage by model</source>
        <translation>Nutzung nach Modell</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>Could not read the usage records: {error}</source>
        <translation>Die Nutzungsdaten konnten nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <source>Per day, by model:</source>
        <translation>Pro Tag, nach Modell:</translation>
    </message>
    <message>
        <source>Per week, by model:</source>
        <translation>Pro Woche, nach Modell:</translation>
    </message>
    <message>
        <source>Per month, by model:</source>
        <translation>Pro Monat, nach Modell:</translation>
    </message>
    <message>
        <source>Estimated spend (USD)</source>
        <translation>Geschätzte Kosten (USD)</translation>
    </message>
    <message>
        <source>Export usage as CSV</source>
        <translation>Nutzung als CSV exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Exporting to {path}…</source>
        <translation>Export nach {path} …</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n row(s) to {path}.</source>
        <translation>
            <numerusform>%n Zeile nach {path} exportiert.</numerusform>
            <numerusform>%n Zeilen nach {path} exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not export to {path}: {error}</source>
        <translation>Export nach {path} fehlgeschlagen: {error}</translation>
    </message>
</context>
<context>
    <name>WindowDialogs</name>
    <message>
        <source>Endpoint: {url} (from the {variable} environment variable)</source>
        <translation>Endpunkt: {url} (aus der Umgebungsvariable {variable})</translation>
    </message>
    <message>
        <source>Endpoint: {url} (from the settings)</source>
        <translation>Endpunkt: {url} (aus den Einstellungen)</translation>
    </message>
    <message>
        <source>Library: {folder}</source>
        <translation>Bibliothek: {folder}</translation>
    </message>
    <message>
        <source>A desktop client for Nscale&apos;s hosted image models.</source>
        <translation>Ein Desktop-Programm für die gehosteten Bildmodelle von Nscale.</translation>
    </message>
    <message>
        <source>Nscale console</source>
        <translation>Nscale-Konsole</translation>
    </message>
    <message>
        <source>About {app}</source>
        <translation>Über {app}</translation>
    </message>
    <message>
        <source>Quit with unfinished jobs?</source>
        <translation>Mit unfertigen Aufträgen beenden?</translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) still running or queued. Quitting cancels them; images not received yet are lost.</source>
        <translation>
            <numerusform>%n Auftrag läuft noch oder wartet. Beenden bricht ihn ab; noch nicht empfangene Bilder gehen verloren.</numerusform>
            <numerusform>%n Aufträge laufen noch oder warten. Beenden bricht sie ab; noch nicht empfangene Bilder gehen verloren.</numerusform>
        </translation>
    </message>
    <message>
        <source>Quit anyway</source>
        <translation>Trotzdem beenden</translation>
    </message>
    <message>
        <source>Wait</source>
        <translation>Warten</translation>
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
    <name>errors</name>
    <message>
        <source>The request is not valid.</source>
        <translation>Die Anfrage ist ungültig.</translation>
    </message>
    <message>
        <source>No service token is set. Create one in the Nscale console, then add it in Settings (or with the command nscale-studio-cli token set, or the NSCALE_SERVICE_TOKEN environment variable).</source>
        <translation>Es ist kein Dienst-Token festgelegt. Erstellen Sie eines in der Nscale-Konsole und fügen Sie es in den Einstellungen hinzu (oder mit dem Befehl nscale-studio-cli token set oder der Umgebungsvariable NSCALE_SERVICE_TOKEN).</translation>
    </message>
    <message>
        <source>Refusing to send the service token over plain http:// to a non-local host. Use an https:// base URL (plain http:// is allowed only for 127.0.0.1 / localhost).</source>
        <translation>Das Dienst-Token wird nicht über unverschlüsseltes http:// an einen entfernten Rechner gesendet. Verwenden Sie eine https://-Basis-URL (http:// ist nur für 127.0.0.1 / localhost erlaubt).</translation>
    </message>
    <message>
        <source>The server rejected the request.</source>
        <translation>Der Server hat die Anfrage abgelehnt.</translation>
    </message>
    <message>
        <source>The service token was not accepted (401). Check or replace it.</source>
        <translation>Das Dienst-Token wurde nicht akzeptiert (401). Prüfen oder ersetzen Sie es.</translation>
    </message>
    <message>
        <source>The service token is not allowed to do this (403).</source>
        <translation>Das Dienst-Token ist dafür nicht berechtigt (403).</translation>
    </message>
    <message>
        <source>The model was not found or is unavailable (404).</source>
        <translation>Das Modell wurde nicht gefunden oder ist nicht verfügbar (404).</translation>
    </message>
    <message>
        <source>Insufficient credit (429). Top up your Nscale account; the request was not retried.</source>
        <translation>Guthaben reicht nicht aus (429). Laden Sie Ihr Nscale-Konto auf; die Anfrage wurde nicht wiederholt.</translation>
    </message>
    <message>
        <source>The server failed to process the request (500). Try again later.</source>
        <translation>Der Server konnte die Anfrage nicht verarbeiten (500). Versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>The service is temporarily unavailable. Try again shortly.</source>
        <translation>Der Dienst ist vorübergehend nicht verfügbar. Versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>Could not reach the server. Check the network and the base URL.</source>
        <translation>Der Server ist nicht erreichbar. Prüfen Sie das Netzwerk und die Basis-URL.</translation>
    </message>
    <message>
        <source>The server did not answer in time.</source>
        <translation>Der Server hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <source>The server sent a reply the app could not understand.</source>
        <translation>Der Server hat eine Antwort gesendet, die die Anwendung nicht versteht.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
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
    <name>jobs</name>
    <message>
        <source>Queued</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <source>Running… {seconds} s</source>
        <translation>Läuft … {seconds} s</translation>
    </message>
    <message>
        <source>attempt {attempt} of {attempts}</source>
        <translation>Versuch {attempt} von {attempts}</translation>
    </message>
    <message>
        <source>{reason} — retrying in {wait} s, {attempt}</source>
        <translation>{reason} – neuer Versuch in {wait} s, {attempt}</translation>
    </message>
    <message>
        <source>Running… {seconds} s ({attempt})</source>
        <translation>Läuft … {seconds} s ({attempt})</translation>
    </message>
    <message numerus="yes">
        <source>Done: %n image(s) in {seconds} s</source>
        <translation>
            <numerusform>Fertig: %n Bild in {seconds} s</numerusform>
            <numerusform>Fertig: %n Bilder in {seconds} s</numerusform>
        </translation>
    </message>
    <message>
        <source>{status}. {note}</source>
        <translation>{status}. {note}</translation>
    </message>
    <message>
        <source>Not in the library; the images were saved to {folder}.</source>
        <translation>Nicht in der Bibliothek; die Bilder wurden in {folder} gespeichert.</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
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
