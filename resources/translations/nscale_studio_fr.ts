<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>BoardChooser</name>
    <message>
        <source>Add to board</source>
        <translation>Ajouter à un tableau</translation>
    </message>
    <message>
        <source>Board name</source>
        <translation>Nom du tableau</translation>
    </message>
    <message>
        <source>Board name (a new name creates a board)</source>
        <translation>Nom du tableau (un nouveau nom crée un tableau)</translation>
    </message>
    <message>
        <source>Boards</source>
        <translation>Tableaux</translation>
    </message>
</context>
<context>
    <name>BoardListModel</name>
    <message>
        <source>All images</source>
        <translation>Toutes les images</translation>
    </message>
    <message>
        <source>Uncategorised</source>
        <translation>Non classées</translation>
    </message>
    <message numerus="yes">
        <source>{name}: %Ln image(s)</source>
        <translation>
            <numerusform>{name} : %Ln image</numerusform>
            <numerusform>{name} : %Ln images</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BoardListView</name>
    <message>
        <source>Boards</source>
        <translation>Tableaux</translation>
    </message>
</context>
<context>
    <name>BoardPanel</name>
    <message>
        <source>Filter by rating</source>
        <translation>Filtrer par note</translation>
    </message>
    <message>
        <source>Any rating</source>
        <translation>Toutes les notes</translation>
    </message>
    <message>
        <source>Boards</source>
        <translation>Tableaux</translation>
    </message>
    <message>
        <source>Boards could not be read</source>
        <translation>Impossible de lire les tableaux</translation>
    </message>
    <message>
        <source>{problem}. {reason}</source>
        <translation>{problem}. {reason}</translation>
    </message>
    <message>
        <source>Created board {name}.</source>
        <translation>Tableau {name} créé.</translation>
    </message>
    <message>
        <source>The board could not be created</source>
        <translation>Impossible de créer le tableau</translation>
    </message>
    <message>
        <source>The board could not be renamed</source>
        <translation>Impossible de renommer le tableau</translation>
    </message>
    <message>
        <source>Renamed the board to {name}.</source>
        <translation>Tableau renommé en {name}.</translation>
    </message>
    <message>
        <source>The board could not be deleted</source>
        <translation>Impossible de supprimer le tableau</translation>
    </message>
    <message>
        <source>Deleted board {name}; its images stay in the library.</source>
        <translation>Tableau {name} supprimé ; ses images restent dans la bibliothèque.</translation>
    </message>
    <message numerus="yes">
        <source>Added %Ln image(s) to the board.</source>
        <translation>
            <numerusform>%Ln image ajoutée au tableau.</numerusform>
            <numerusform>%Ln images ajoutées au tableau.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Added %Ln image(s) to {board}.</source>
        <translation>
            <numerusform>%Ln image ajoutée à {board}.</numerusform>
            <numerusform>%Ln images ajoutées à {board}.</numerusform>
        </translation>
    </message>
    <message>
        <source>The images could not be added to the board</source>
        <translation>Impossible d’ajouter les images au tableau</translation>
    </message>
    <message numerus="yes">
        <source>Removed %Ln image(s) from the board.</source>
        <translation>
            <numerusform>%Ln image retirée du tableau.</numerusform>
            <numerusform>%Ln images retirées du tableau.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removed %Ln image(s) from {board}.</source>
        <translation>
            <numerusform>%Ln image retirée de {board}.</numerusform>
            <numerusform>%Ln images retirées de {board}.</numerusform>
        </translation>
    </message>
    <message>
        <source>The images could not be taken off the board</source>
        <translation>Impossible de retirer les images du tableau</translation>
    </message>
    <message>
        <source>The board could not be exported</source>
        <translation>Impossible d’exporter le tableau</translation>
    </message>
    <message>
        <source>Board name:</source>
        <translation>Nom du tableau :</translation>
    </message>
    <message>
        <source>Delete board</source>
        <translation>Supprimer le tableau</translation>
    </message>
    <message>
        <source>Delete the board “{name}”? Its images stay in the library.</source>
        <translation>Supprimer le tableau « {name} » ? Ses images restent dans la bibliothèque.</translation>
    </message>
    <message>
        <source>Export board to</source>
        <translation>Exporter le tableau vers</translation>
    </message>
    <message>
        <source>New board…</source>
        <translation>Nouveau tableau…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Renommer…</translation>
    </message>
    <message>
        <source>Export board…</source>
        <translation>Exporter le tableau…</translation>
    </message>
    <message>
        <source>Delete board…</source>
        <translation>Supprimer le tableau…</translation>
    </message>
    <message>
        <source>New board</source>
        <translation>Nouveau tableau</translation>
    </message>
    <message>
        <source>Rename board</source>
        <translation>Renommer le tableau</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>Compare</source>
        <translation>Comparer</translation>
    </message>
    <message>
        <source>1-4 pick · F favourite · D drop · S swap · O A/B overlay · Space flip · 0 fit · +/- zoom</source>
        <comment>the keys (1-4, F, D, S, O, Space, 0, +/-) are fixed: keep them</comment>
        <translation>1-4 choisir · F favori · D retirer · S échanger · O superposition A/B · Espace basculer · 0 ajuster · +/- zoom</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>This image could not be opened.</source>
        <translation>Impossible d’ouvrir cette image.</translation>
    </message>
</context>
<context>
    <name>ImageInfoDialog</name>
    <message>
        <source>Image info</source>
        <translation>Informations sur l’image</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>Negative prompt</source>
        <translation>Prompt négatif</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>Logiciel</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Metadata blocks</source>
        <translation>Blocs de métadonnées</translation>
    </message>
    <message>
        <source>Reuse settings</source>
        <translation>Réutiliser les paramètres</translation>
    </message>
    <message>
        <source>Put this image&apos;s prompt (and model, if offered) in the panel</source>
        <translation>Placer le prompt de cette image (et son modèle, s’il est proposé) dans le panneau</translation>
    </message>
    <message>
        <source>Add to library</source>
        <translation>Ajouter à la bibliothèque</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Lecture…</translation>
    </message>
    <message numerus="yes">
        <source>Metadata blocks (%n)</source>
        <translation>
            <numerusform>Blocs de métadonnées (%n)</numerusform>
            <numerusform>Blocs de métadonnées (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>No metadata blocks in this file</source>
        <translation>Aucun bloc de métadonnées dans ce fichier</translation>
    </message>
    <message>
        <source>This file could not be read: {reason}</source>
        <translation>Impossible de lire ce fichier : {reason}</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <source>Copy this block&apos;s text</source>
        <translation>Copier le texte de ce bloc</translation>
    </message>
    <message numerus="yes">
        <source>… %Ln more character(s); Copy copies all.</source>
        <translation>
            <numerusform>… %Ln caractère de plus ; « Copier » copie tout.</numerusform>
            <numerusform>… %Ln caractères de plus ; « Copier » copie tout.</numerusform>
        </translation>
    </message>
    <message>
        <source>Copied.</source>
        <translation>Copié.</translation>
    </message>
    <message>
        <source>Adding to the library…</source>
        <translation>Ajout à la bibliothèque…</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Précédente</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Suivante</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Ajuster</translation>
    </message>
    <message>
        <source>100 %</source>
        <translation>100 %</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Zoom arrière</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Zoom avant</translation>
    </message>
    <message>
        <source>Favourite</source>
        <translation>Favori</translation>
    </message>
    <message>
        <source>Favourite (F or Ctrl+D)</source>
        <translation>Favori (F ou Ctrl+D)</translation>
    </message>
    <message>
        <source>Add to board</source>
        <translation>Ajouter à un tableau</translation>
    </message>
    <message>
        <source>Add to board (B)</source>
        <translation>Ajouter à un tableau (B)</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Delete (Del); Ctrl+Z undoes</source>
        <translation>Supprimer (Suppr) ; Ctrl+Z annule</translation>
    </message>
    <message>
        <source>Previous (Left)</source>
        <translation>Précédente (flèche gauche)</translation>
    </message>
    <message>
        <source>Next (Right)</source>
        <translation>Suivante (flèche droite)</translation>
    </message>
    <message>
        <source>Fit to window (0)</source>
        <translation>Ajuster à la fenêtre (0)</translation>
    </message>
    <message>
        <source>Actual size (Z)</source>
        <translation>Taille réelle (Z)</translation>
    </message>
    <message>
        <source>{percent} %</source>
        <translation>{percent} %</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>This image could not be opened.
{reason}</source>
        <translation>Impossible d’ouvrir cette image.
{reason}</translation>
    </message>
    <message>
        <source>This image is no longer in the library.</source>
        <translation>Cette image n’est plus dans la bibliothèque.</translation>
    </message>
    <message>
        <source>{index} / {total}</source>
        <translation>{index} / {total}</translation>
    </message>
    <message>
        <source>No more images here.</source>
        <translation>Il n’y a plus d’images ici.</translation>
    </message>
</context>
<context>
    <name>LanguageChoice</name>
    <message>
        <source>Interface language</source>
        <translation>Langue de l’interface</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>Takes effect the next time the app starts.</source>
        <translation>Prend effet au prochain démarrage de l’application.</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Dismiss message</source>
        <translation>Fermer le message</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
</context>
<context>
    <name>SortingController</name>
    <message>
        <source>board “{name}”</source>
        <translation>tableau « {name} »</translation>
    </message>
    <message>
        <source>the chosen board</source>
        <translation>le tableau choisi</translation>
    </message>
    <message>
        <source>uncategorised</source>
        <translation>non classées</translation>
    </message>
    <message numerus="yes">
        <source>rated %n+ stars</source>
        <translation>
            <numerusform>notées %n étoile ou plus</numerusform>
            <numerusform>notées %n étoiles ou plus</numerusform>
        </translation>
    </message>
    <message>
        <source>rated 5 stars</source>
        <translation>notées 5 étoiles</translation>
    </message>
    <message>
        <source>Choose All images and Any rating in the board list to see them all.</source>
        <translation>Choisissez « Toutes les images » et « Toutes les notes » dans la liste des tableaux pour les voir toutes.</translation>
    </message>
    <message>
        <source>Choose All images in the board list to see them all.</source>
        <translation>Choisissez « Toutes les images » dans la liste des tableaux pour les voir toutes.</translation>
    </message>
    <message>
        <source>Choose Any rating in the board list to see them all.</source>
        <translation>Choisissez « Toutes les notes » dans la liste des tableaux pour les voir toutes.</translation>
    </message>
    <message>
        <source>Choose a board in the list first: images are removed from the board shown.</source>
        <translation>Choisissez d’abord un tableau dans la liste : les images sont retirées du tableau affiché.</translation>
    </message>
    <message>
        <source>Favourites could not be changed</source>
        <translation>Impossible de modifier les favoris</translation>
    </message>
    <message>
        <source>The rating could not be changed</source>
        <translation>Impossible de modifier la note</translation>
    </message>
    <message>
        <source>Select 2 to 4 images to compare.</source>
        <translation>Sélectionnez de 2 à 4 images à comparer.</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>{app} could not start: {reason}

Details are in the log file.</source>
        <translation>{app} n’a pas pu démarrer : {reason}

Les détails se trouvent dans le fichier journal.</translation>
    </message>
</context>
<context>
    <name>compare_view</name>
    <message>
        <source>unknown model</source>
        <translation>modèle inconnu</translation>
    </message>
</context>
<context>
    <name>error_actions</name>
    <message>
        <source>Set token…</source>
        <translation>Définir le jeton…</translation>
    </message>
    <message>
        <source>Open Nscale console</source>
        <translation>Ouvrir la console Nscale</translation>
    </message>
    <message>
        <source>Refresh models</source>
        <translation>Actualiser les modèles</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Open settings</source>
        <translation>Ouvrir les paramètres</translation>
    </message>
</context>
<context>
    <name>export</name>
    <message numerus="yes">
        <source>Exported %Ln image(s) to {folder}.</source>
        <translation>
            <numerusform>%Ln image exportée vers {folder}.</numerusform>
            <numerusform>%Ln images exportées vers {folder}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{files} and %Ln more</source>
        <translation>
            <numerusform>{files} et %Ln autre</numerusform>
            <numerusform>{files} et %Ln autres</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported {written} of %Ln image(s) to {folder}; skipped: {files}.</source>
        <translation>
            <numerusform>Images exportées vers {folder} : {written} sur %Ln ; fichiers ignorés : {files}.</numerusform>
            <numerusform>Images exportées vers {folder} : {written} sur %Ln ; fichiers ignorés : {files}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>image_actions</name>
    <message>
        <source>PNG image ({patterns})</source>
        <translation>Image PNG ({patterns})</translation>
    </message>
    <message>
        <source>JPEG image ({patterns})</source>
        <translation>Image JPEG ({patterns})</translation>
    </message>
    <message>
        <source>WebP image ({patterns})</source>
        <translation>Image WebP ({patterns})</translation>
    </message>
</context>
<context>
    <name>image_info</name>
    <message>
        <source>This image has no prompt to reuse.</source>
        <translation>Cette image n’a pas de prompt à réutiliser.</translation>
    </message>
    <message>
        <source>Reused the prompt and the model.</source>
        <translation>Prompt et modèle réutilisés.</translation>
    </message>
    <message>
        <source>Reused the prompt.</source>
        <translation>Prompt réutilisé.</translation>
    </message>
    <message>
        <source>Not applicable here: {settings}.</source>
        <translation>Non applicable ici : {settings}.</translation>
    </message>
    <message>
        <source>the negative prompt (the Nscale API takes none)</source>
        <translation>le prompt négatif (l’API Nscale n’en accepte pas)</translation>
    </message>
    <message>
        <source>the model {model} (this endpoint does not offer it)</source>
        <translation>le modèle {model} (ce point d’accès ne le propose pas)</translation>
    </message>
    <message>
        <source>{settings} (the Nscale API has no such settings)</source>
        <translation>{settings} (l’API Nscale n’a pas ces paramètres)</translation>
    </message>
</context>
<context>
    <name>notifications</name>
    <message>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
</context>
</TS>
