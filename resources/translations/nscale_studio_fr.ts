<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>Actions</name>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Enregistrer sous…</translation>
    </message>
    <message>
        <source>Copy image</source>
        <translation>Copier l’image</translation>
    </message>
    <message>
        <source>Copy prompt</source>
        <translation>Copier le prompt</translation>
    </message>
    <message>
        <source>Reuse settings</source>
        <translation>Réutiliser les paramètres</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Afficher dans le dossier</translation>
    </message>
    <message>
        <source>Favourite</source>
        <translation>Favori</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Export selection…</source>
        <translation>Exporter la sélection…</translation>
    </message>
    <message>
        <source>Batch…</source>
        <translation>Lot…</translation>
    </message>
    <message>
        <source>Add to board…</source>
        <translation>Ajouter à un tableau…</translation>
    </message>
    <message>
        <source>Remove from board</source>
        <translation>Retirer du tableau</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Comparer</translation>
    </message>
    <message>
        <source>Undo delete</source>
        <translation>Annuler la suppression</translation>
    </message>
    <message>
        <source>Image info</source>
        <translation>Informations sur l’image</translation>
    </message>
    <message>
        <source>Import folder…</source>
        <translation>Importer un dossier…</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Paramètres…</translation>
    </message>
    <message>
        <source>Refresh models</source>
        <translation>Actualiser les modèles</translation>
    </message>
    <message>
        <source>Search the library</source>
        <translation>Rechercher dans la bibliothèque</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Usage and spend…</source>
        <translation>&amp;Utilisation et dépenses…</translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation>Ouvrir le dossier du &amp;journal</translation>
    </message>
    <message>
        <source>&amp;About {app}</source>
        <translation>À &amp;propos de {app}</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Outils</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aid&amp;e</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Principale</translation>
    </message>
</context>
<context>
    <name>BatchController</name>
    <message>
        <source>Batch finished: {done} of {total} done.</source>
        <translation>Lot terminé : {done} sur {total} effectuées.</translation>
    </message>
</context>
<context>
    <name>BatchDialog</name>
    <message>
        <source>Batch</source>
        <translation>Lot</translation>
    </message>
    <message>
        <source>Prompt format</source>
        <translation>Format des prompts</translation>
    </message>
    <message>
        <source>One prompt per line</source>
        <translation>Un prompt par ligne</translation>
    </message>
    <message>
        <source>CSV (prompt, model, size, n)</source>
        <translation>CSV (prompt, modèle, taille, n)</translation>
    </message>
    <message>
        <source>JSON lines</source>
        <translation>JSON Lines</translation>
    </message>
    <message>
        <source>Open file…</source>
        <translation>Ouvrir un fichier…</translation>
    </message>
    <message>
        <source>Prompts</source>
        <translation>Prompts</translation>
    </message>
    <message>
        <source>One prompt per line. Blank lines and lines starting with # are skipped; {red|blue} makes one prompt for each choice.</source>
        <translation>Un prompt par ligne. Les lignes vides et celles qui commencent par # sont ignorées ; {rouge|bleu} donne un prompt pour chaque choix.</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modèles</translation>
    </message>
    <message>
        <source>Sizes</source>
        <translation>Tailles</translation>
    </message>
    <message>
        <source>Other sizes</source>
        <translation>Autres tailles</translation>
    </message>
    <message>
        <source>Other sizes, e.g. 1280x720, 640x480</source>
        <translation>Autres tailles, p. ex. 1280x720, 640x480</translation>
    </message>
    <message>
        <source>Images per request</source>
        <translation>Images par requête</translation>
    </message>
    <message>
        <source>Requests at once</source>
        <translation>Requêtes simultanées</translation>
    </message>
    <message numerus="yes">
        <source>How many of the batch&apos;s requests may be in flight at once (the window runs at most %n job(s) at a time).</source>
        <translation>
            <numerusform>Nombre de requêtes du lot pouvant être en cours en même temps (la fenêtre exécute au plus %n tâche à la fois).</numerusform>
            <numerusform>Nombre de requêtes du lot pouvant être en cours en même temps (la fenêtre exécute au plus %n tâches à la fois).</numerusform>
        </translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Démarrer</translation>
    </message>
    <message>
        <source>Unexpected {kind}.</source>
        <translation>Erreur inattendue : {kind}.</translation>
    </message>
    <message>
        <source>No plan: {error}</source>
        <translation>Aucun plan : {error}</translation>
    </message>
    <message>
        <source>No prompts yet.</source>
        <translation>Aucun prompt pour l’instant.</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n requête</numerusform>
            <numerusform>%n requêtes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n image</numerusform>
            <numerusform>%n images</numerusform>
        </translation>
    </message>
    <message>
        <source>≈ {cost}</source>
        <translation>≈ {cost}</translation>
    </message>
    <message>
        <source>≈ at least {cost}; no price is known for {models}</source>
        <translation>≈ au moins {cost} ; aucun prix connu pour {models}</translation>
    </message>
    <message>
        <source>{requests} · {images} · {megapixels} MP · {cost}</source>
        <translation>{requests} · {images} · {megapixels} MP · {cost}</translation>
    </message>
    <message>
        <source>Open a prompt file</source>
        <translation>Ouvrir un fichier de prompts</translation>
    </message>
    <message>
        <source>Prompt files (*.txt *.csv *.jsonl *.ndjson);;All files (*)</source>
        <translation>Fichiers de prompts (*.txt *.csv *.jsonl *.ndjson);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>{file}: {error}</source>
        <translation>{file} : {error}</translation>
    </message>
</context>
<context>
    <name>BatchGridDialog</name>
    <message>
        <source>Batch results</source>
        <translation>Résultats du lot</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Colonnes</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modèles</translation>
    </message>
    <message>
        <source>Sizes</source>
        <translation>Tailles</translation>
    </message>
    <message>
        <source>Shown for</source>
        <translation>Affiché pour</translation>
    </message>
    <message>
        <source>Export contact sheet…</source>
        <translation>Exporter la planche contact…</translation>
    </message>
    <message>
        <source>Columns:</source>
        <translation>Colonnes :</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>Taille :</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Modèle :</translation>
    </message>
    <message>
        <source>Export contact sheet</source>
        <translation>Exporter la planche contact</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Images PNG (*.png)</translation>
    </message>
    <message numerus="yes">
        <source>Batch {number}: %n request(s)</source>
        <translation>
            <numerusform>Lot {number} : %n requête</numerusform>
            <numerusform>Lot {number} : %n requêtes</numerusform>
        </translation>
    </message>
    <message>
        <source>Making the contact sheet…</source>
        <translation>Création de la planche contact…</translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation>Enregistrée dans {path}</translation>
    </message>
    <message>
        <source>The contact sheet was not saved: {error}</source>
        <translation>La planche contact n’a pas été enregistrée : {error}</translation>
    </message>
</context>
<context>
    <name>BatchGridModel</name>
    <message>
        <source>no image</source>
        <translation>aucune image</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>en attente</translation>
    </message>
    <message>
        <source>running…</source>
        <translation>en cours…</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>échec</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annulée</translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>non envoyée</translation>
    </message>
</context>
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
    <name>BudgetGuard</name>
    <message>
        <source>{amount} left today</source>
        <translation>reste {amount} aujourd’hui</translation>
    </message>
    <message>
        <source>{amount} left this month</source>
        <translation>reste {amount} ce mois-ci</translation>
    </message>
    <message>
        <source>This would take today&apos;s estimated spend past your daily limit.</source>
        <translation>Les dépenses estimées du jour dépasseraient ainsi votre limite quotidienne.</translation>
    </message>
    <message>
        <source>Spent today: {amount}</source>
        <translation>Dépensé aujourd’hui : {amount}</translation>
    </message>
    <message>
        <source>Daily limit: {amount}</source>
        <translation>Limite quotidienne : {amount}</translation>
    </message>
    <message>
        <source>This would take this month&apos;s estimated spend past your monthly limit.</source>
        <translation>Les dépenses estimées du mois dépasseraient ainsi votre limite mensuelle.</translation>
    </message>
    <message>
        <source>Spent this month: {amount}</source>
        <translation>Dépensé ce mois-ci : {amount}</translation>
    </message>
    <message>
        <source>Monthly limit: {amount}</source>
        <translation>Limite mensuelle : {amount}</translation>
    </message>
    <message>
        <source>Jobs still running: {amount}</source>
        <translation>Tâches encore en cours : {amount}</translation>
    </message>
    <message>
        <source>This request: {amount}</source>
        <translation>Cette requête : {amount}</translation>
    </message>
    <message>
        <source>Total: {amount}</source>
        <translation>Total : {amount}</translation>
    </message>
    <message>
        <source>Estimates from your prices; change the limits in Settings, Budget.</source>
        <translation>Estimations d’après vos prix ; modifiez les limites dans Paramètres, Budget.</translation>
    </message>
    <message>
        <source>The spend so far could not be read, so the budget cannot be checked: {error}</source>
        <translation>Impossible de lire les dépenses déjà faites, le budget ne peut donc pas être vérifié : {error}</translation>
    </message>
    <message>
        <source>The budget figures are still being read; the spend so far is not known yet. Send anyway, or try again in a moment.</source>
        <translation>Les chiffres du budget sont encore en cours de lecture ; les dépenses déjà faites ne sont pas encore connues. Envoyez quand même, ou réessayez dans un instant.</translation>
    </message>
</context>
<context>
    <name>BudgetPage</name>
    <message>
        <source>Before a job or a batch is sent, its estimated cost plus what was spent in the day or the month is checked against these limits. Over a limit the window asks first (Allow once); the command line refuses unless given --ignore-budget. Leave a field empty for no limit.</source>
        <translation>Avant l’envoi d’une tâche ou d’un lot, son coût estimé ajouté aux dépenses du jour ou du mois est comparé à ces limites. Au-delà d’une limite, la fenêtre demande d’abord (« Autoriser une fois ») ; la ligne de commande refuse, sauf avec --ignore-budget. Laissez un champ vide pour ne fixer aucune limite.</translation>
    </message>
    <message>
        <source>Daily limit in US dollars</source>
        <translation>Limite quotidienne en dollars US</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>aucune limite</translation>
    </message>
    <message>
        <source>Monthly limit in US dollars</source>
        <translation>Limite mensuelle en dollars US</translation>
    </message>
    <message>
        <source>Limits (estimated US dollars)</source>
        <translation>Limites (dollars US estimés)</translation>
    </message>
    <message>
        <source>Each day</source>
        <translation>Chaque jour</translation>
    </message>
    <message>
        <source>Each calendar month</source>
        <translation>Chaque mois civil</translation>
    </message>
    <message>
        <source>Reading the spend so far…</source>
        <translation>Lecture des dépenses déjà faites…</translation>
    </message>
    <message>
        <source>Spend is estimated from the usage records and your prices (Settings, Prices); your Nscale bill is the authority.</source>
        <translation>Les dépenses sont estimées à partir des relevés d’utilisation et de vos prix (Paramètres, Prix) ; seule votre facture Nscale fait foi.</translation>
    </message>
    <message>
        <source>Spent so far</source>
        <translation>Déjà dépensé</translation>
    </message>
    <message>
        <source>Today: {spent} spent, no limit</source>
        <translation>Aujourd’hui : {spent} dépensés, aucune limite</translation>
    </message>
    <message>
        <source>Today: {spent} spent of {limit}, {left} left</source>
        <translation>Aujourd’hui : {spent} dépensés sur {limit}, reste {left}</translation>
    </message>
    <message>
        <source>This month: {spent} spent, no limit</source>
        <translation>Ce mois-ci : {spent} dépensés, aucune limite</translation>
    </message>
    <message>
        <source>This month: {spent} spent of {limit}, {left} left</source>
        <translation>Ce mois-ci : {spent} dépensés sur {limit}, reste {left}</translation>
    </message>
    <message>
        <source>The spend so far could not be read: {error}</source>
        <translation>Impossible de lire les dépenses déjà faites : {error}</translation>
    </message>
    <message>
        <source>A limit is an amount in US dollars from 0 to {most} like 5 or 12.50, or empty for no limit.</source>
        <translation>Une limite est un montant en dollars US de 0 à {most}, comme 5 ou 12.50, ou vide pour aucune limite.</translation>
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
        <translation>Budget dépassé</translation>
    </message>
    <message>
        <source>Allow once</source>
        <translation>Autoriser une fois</translation>
    </message>
    <message>
        <source>Don&apos;t send</source>
        <translation>Ne pas envoyer</translation>
    </message>
</context>
<context>
    <name>Choosers</name>
    <message>
        <source>Save image as</source>
        <translation>Enregistrer l’image sous</translation>
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
    <name>EstimateNotice</name>
    <message>
        <source>Spend is an estimate: requests made by this app on this computer, times your prices per megapixel. Your Nscale bill is the authority.</source>
        <translation>Les dépenses sont une estimation : les requêtes faites par cette application sur cet ordinateur, multipliées par vos prix au mégapixel. Seule votre facture Nscale fait foi.</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Search prompts</source>
        <translation>Rechercher dans les prompts</translation>
    </message>
    <message>
        <source>Search prompts…</source>
        <translation>Rechercher dans les prompts…</translation>
    </message>
    <message>
        <source>Finds text anywhere in a prompt, in any script.
neg:word searches negative prompts, model:word model ids; &quot;two words&quot; finds a phrase.</source>
        <translation>Trouve du texte n’importe où dans un prompt, dans toute écriture.
neg:mot cherche dans les prompts négatifs, model:mot dans les identifiants de modèle ; &quot;deux mots&quot; trouve une expression.</translation>
    </message>
    <message>
        <source>Clear search</source>
        <translation>Effacer la recherche</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <source>Filter by model</source>
        <translation>Filtrer par modèle</translation>
    </message>
    <message>
        <source>All models</source>
        <translation>Tous les modèles</translation>
    </message>
    <message>
        <source>Filter by size</source>
        <translation>Filtrer par taille</translation>
    </message>
    <message>
        <source>All sizes</source>
        <translation>Toutes les tailles</translation>
    </message>
    <message>
        <source>Filter by tool</source>
        <translation>Filtrer par logiciel</translation>
    </message>
    <message>
        <source>All tools</source>
        <translation>Tous les logiciels</translation>
    </message>
    <message>
        <source>Filter by date</source>
        <translation>Filtrer par date</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Toutes dates</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Aujourd’hui</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>7 derniers jours</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>30 derniers jours</translation>
    </message>
    <message>
        <source>Last 365 days</source>
        <translation>365 derniers jours</translation>
    </message>
    <message>
        <source>Show favourites only</source>
        <translation>Afficher uniquement les favoris</translation>
    </message>
    <message>
        <source>Favourites only</source>
        <translation>Favoris uniquement</translation>
    </message>
    <message>
        <source>Sort order</source>
        <translation>Ordre de tri</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>Plus récentes d’abord</translation>
    </message>
    <message>
        <source>Oldest first</source>
        <translation>Plus anciennes d’abord</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Effacer les filtres</translation>
    </message>
    <message>
        <source>Show the whole library again</source>
        <translation>Réafficher toute la bibliothèque</translation>
    </message>
    <message>
        <source>today</source>
        <translation>aujourd’hui</translation>
    </message>
    <message>
        <source>last 7 days</source>
        <translation>7 derniers jours</translation>
    </message>
    <message>
        <source>last 30 days</source>
        <translation>30 derniers jours</translation>
    </message>
    <message>
        <source>last 365 days</source>
        <translation>365 derniers jours</translation>
    </message>
    <message>
        <source>last {days} days</source>
        <translation>{days} derniers jours</translation>
    </message>
    <message>
        <source>imported images only</source>
        <translation>images importées uniquement</translation>
    </message>
    <message>
        <source>generated images only</source>
        <translation>images générées uniquement</translation>
    </message>
    <message>
        <source>{source} images only</source>
        <translation>images de {source} uniquement</translation>
    </message>
    <message>
        <source>search “{text}”</source>
        <translation>recherche « {text} »</translation>
    </message>
    <message>
        <source>model {name}</source>
        <translation>modèle {name}</translation>
    </message>
    <message>
        <source>size {size}</source>
        <translation>taille {size}</translation>
    </message>
    <message>
        <source>tool {name}</source>
        <translation>logiciel {name}</translation>
    </message>
    <message>
        <source>favourites only</source>
        <translation>favoris uniquement</translation>
    </message>
</context>
<context>
    <name>GalleryDelegate</name>
    <message>
        <source>File missing</source>
        <translation>Fichier manquant</translation>
    </message>
</context>
<context>
    <name>GalleryModel</name>
    <message numerus="yes">
        <source>%n star(s)</source>
        <translation>
            <numerusform>%n étoile</numerusform>
            <numerusform>%n étoiles</numerusform>
        </translation>
    </message>
    <message>
        <source>favourite</source>
        <translation>favori</translation>
    </message>
</context>
<context>
    <name>GalleryPanel</name>
    <message>
        <source>Your library is empty. Generated images appear here, or use Import folder…</source>
        <translation>Votre bibliothèque est vide. Les images générées apparaissent ici, ou utilisez « Importer un dossier… ».</translation>
    </message>
    <message>
        <source>No image matches the filters chosen.</source>
        <translation>Aucune image ne correspond aux filtres choisis.</translation>
    </message>
    <message>
        <source>No image matches {filters}. Clear filters shows them all.</source>
        <translation>Aucune image ne correspond aux critères suivants : {filters}. « Effacer les filtres » les réaffiche toutes.</translation>
    </message>
    <message>
        <source>No image matches {filters}.</source>
        <translation>Aucune image ne correspond aux critères suivants : {filters}.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln image(s)</source>
        <translation>
            <numerusform>%Ln image</numerusform>
            <numerusform>%Ln images</numerusform>
        </translation>
    </message>
    <message>
        <source>{count} · filtered</source>
        <translation>{count} · filtrées</translation>
    </message>
</context>
<context>
    <name>GalleryView</name>
    <message>
        <source>Image library</source>
        <translation>Bibliothèque d’images</translation>
    </message>
    <message>
        <source>Arrow keys move, Enter opens the viewer</source>
        <translation>Les flèches déplacent, Entrée ouvre la visionneuse</translation>
    </message>
</context>
<context>
    <name>GeneralPage</name>
    <message>
        <source>In use now: {url}, from the {variable} environment variable, which overrides the URL saved here.</source>
        <translation>Utilisée actuellement : {url}, issue de la variable d’environnement {variable}, qui remplace l’URL enregistrée ici.</translation>
    </message>
    <message>
        <source>Generation</source>
        <translation>Génération</translation>
    </message>
    <message>
        <source>Endpoint base URL</source>
        <translation>URL de base du point d’accès</translation>
    </message>
    <message>
        <source>Default model</source>
        <translation>Modèle par défaut</translation>
    </message>
    <message>
        <source>Default size</source>
        <translation>Taille par défaut</translation>
    </message>
    <message>
        <source>Default number of images</source>
        <translation>Nombre d’images par défaut</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Bibliothèque</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Général</translation>
    </message>
    <message>
        <source>{url} (from {variable})</source>
        <translation>{url} (de {variable})</translation>
    </message>
</context>
<context>
    <name>GroupItemsModel</name>
    <message>
        <source>waiting</source>
        <translation>en attente</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en cours</translation>
    </message>
    <message numerus="yes">
        <source>done: %n image(s)</source>
        <translation>
            <numerusform>terminée : %n image</numerusform>
            <numerusform>terminée : %n images</numerusform>
        </translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annulée</translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>non envoyée</translation>
    </message>
    <message>
        <source>failed: {message}</source>
        <translation>échec : {message}</translation>
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
        <translation>Avancement du lot</translation>
    </message>
    <message>
        <source>Cancel all</source>
        <translation>Tout annuler</translation>
    </message>
    <message>
        <source>Send nothing more and cancel the requests in flight</source>
        <translation>Ne plus rien envoyer et annuler les requêtes en cours</translation>
    </message>
    <message>
        <source>Retry failed</source>
        <translation>Réessayer les échecs</translation>
    </message>
    <message>
        <source>Send again the items that failed, were cancelled or were never sent; finished items are not sent again</source>
        <translation>Renvoyer les éléments en échec, annulés ou jamais envoyés ; les éléments terminés ne sont pas renvoyés</translation>
    </message>
    <message>
        <source>Show grid</source>
        <translation>Afficher la grille</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Éléments</translation>
    </message>
    <message>
        <source>Show or hide every item of the batch</source>
        <translation>Afficher ou masquer tous les éléments du lot</translation>
    </message>
    <message>
        <source>Remove the batch from the list</source>
        <translation>Retirer le lot de la liste</translation>
    </message>
    <message>
        <source>Remove batch from the list</source>
        <translation>Retirer le lot de la liste</translation>
    </message>
    <message>
        <source>Items of the batch</source>
        <translation>Éléments du lot</translation>
    </message>
    <message>
        <source>{done} of {total} done</source>
        <translation>{done} sur {total} effectuées</translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n en échec</numerusform>
            <numerusform>%n en échec</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not sent</source>
        <translation>
            <numerusform>%n non envoyée</numerusform>
            <numerusform>%n non envoyées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in flight</source>
        <translation>
            <numerusform>%n en cours</numerusform>
            <numerusform>%n en cours</numerusform>
        </translation>
    </message>
    <message>
        <source>spent ≈ {spent} of ≈ {estimate}</source>
        <translation>dépensé ≈ {spent} sur ≈ {estimate}</translation>
    </message>
    <message>
        <source> · </source>
        <translation> · </translation>
    </message>
    <message>
        <source>Cancelled: nothing further was sent.</source>
        <translation>Annulé : rien d’autre n’a été envoyé.</translation>
    </message>
    <message>
        <source>Stopped: {message} Nothing further was sent.</source>
        <translation>Arrêté : {message} Rien d’autre n’a été envoyé.</translation>
    </message>
    <message>
        <source>a request failed.</source>
        <translation>une requête a échoué.</translation>
    </message>
    <message numerus="yes">
        <source>Batch: %n request(s)</source>
        <translation>
            <numerusform>Lot : %n requête</numerusform>
            <numerusform>Lot : %n requêtes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryPopup</name>
    <message>
        <source>Insert a style</source>
        <translation>Insérer un style</translation>
    </message>
    <message>
        <source>Prompt history</source>
        <translation>Historique des prompts</translation>
    </message>
    <message>
        <source>Search the prompt history</source>
        <translation>Rechercher dans l’historique des prompts</translation>
    </message>
    <message>
        <source>Type to filter…</source>
        <translation>Saisissez pour filtrer…</translation>
    </message>
    <message>
        <source>Prompts sent before</source>
        <translation>Prompts déjà envoyés</translation>
    </message>
    <message>
        <source>Insert at cursor</source>
        <translation>Insérer au curseur</translation>
    </message>
    <message>
        <source>Use prompt</source>
        <translation>Utiliser le prompt</translation>
    </message>
    <message>
        <source>Use with its settings</source>
        <translation>Utiliser avec ses paramètres</translation>
    </message>
    <message>
        <source>The prompt and the model, size and number of images it was last sent with</source>
        <translation>Le prompt avec le modèle, la taille et le nombre d’images de son dernier envoi</translation>
    </message>
    <message>
        <source>Pin as style</source>
        <translation>Épingler comme style</translation>
    </message>
    <message>
        <source>The history could not be read: {error}</source>
        <translation>Impossible de lire l’historique : {error}</translation>
    </message>
    <message>
        <source>No prompt in the history contains that.</source>
        <translation>Aucun prompt de l’historique ne contient cela.</translation>
    </message>
    <message>
        <source>No saved styles yet: pin a prompt in the history (Ctrl+H) to keep it here.</source>
        <translation>Aucun style enregistré pour l’instant : épinglez un prompt dans l’historique (Ctrl+H) pour le garder ici.</translation>
    </message>
    <message>
        <source>No prompts yet: every prompt you send is kept here.</source>
        <translation>Aucun prompt pour l’instant : chaque prompt envoyé est conservé ici.</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>Désépingler</translation>
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
        <translation>Utilisé</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>Dernière utilisation</translation>
    </message>
    <message>
        <source>Last settings</source>
        <translation>Derniers paramètres</translation>
    </message>
    <message numerus="yes">
        <source>%n time(s)</source>
        <translation>
            <numerusform>%n fois</numerusform>
            <numerusform>%n fois</numerusform>
        </translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>Pinned style: {prompt}</source>
        <translation>Style épinglé : {prompt}</translation>
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
    <name>JobRow</name>
    <message>
        <source>Cancel this job</source>
        <translation>Annuler cette tâche</translation>
    </message>
    <message>
        <source>Cancel job</source>
        <translation>Annuler la tâche</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>Réessayer maintenant</translation>
    </message>
    <message>
        <source>Save to…</source>
        <translation>Enregistrer dans…</translation>
    </message>
    <message>
        <source>Save the images the library could not keep to a folder</source>
        <translation>Enregistrer dans un dossier les images que la bibliothèque n’a pas pu garder</translation>
    </message>
    <message>
        <source>Remove from the list</source>
        <translation>Retirer de la liste</translation>
    </message>
    <message>
        <source>Remove job from the list</source>
        <translation>Retirer la tâche de la liste</translation>
    </message>
    <message>
        <source>Job: {prompt}</source>
        <translation>Tâche : {prompt}</translation>
    </message>
</context>
<context>
    <name>JobsController</name>
    <message numerus="yes">
        <source>%n new image(s) ready.</source>
        <translation>
            <numerusform>%n nouvelle image prête.</numerusform>
            <numerusform>%n nouvelles images prêtes.</numerusform>
        </translation>
    </message>
    <message>
        <source>A job failed: {reason}</source>
        <translation>Une tâche a échoué : {reason}</translation>
    </message>
    <message>
        <source>Save the images to</source>
        <translation>Enregistrer les images dans</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n image(s) to {folder}.</source>
        <translation>
            <numerusform>%n image enregistrée dans {folder}.</numerusform>
            <numerusform>%n images enregistrées dans {folder}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Afficher dans le dossier</translation>
    </message>
    <message>
        <source>The images could not be saved</source>
        <translation>Impossible d’enregistrer les images</translation>
    </message>
</context>
<context>
    <name>JobsPanel</name>
    <message>
        <source>Jobs</source>
        <translation>Tâches</translation>
    </message>
    <message>
        <source>Clear finished</source>
        <translation>Effacer les terminées</translation>
    </message>
    <message>
        <source>No jobs yet. Write a prompt and press Generate.</source>
        <translation>Aucune tâche pour l’instant. Écrivez un prompt et appuyez sur « Générer ».</translation>
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
    <name>LibraryController</name>
    <message>
        <source>unexpected {kind}; details are in the log</source>
        <translation>erreur inattendue {kind} ; les détails sont dans le journal</translation>
    </message>
    <message numerus="yes">
        <source>Dragging %n image(s): drop them on a board. To copy this many files to a folder, use Export selection.</source>
        <translation>
            <numerusform>%n image glissée : déposez-la sur un tableau. Pour copier autant de fichiers dans un dossier, utilisez Exporter la sélection.</numerusform>
            <numerusform>%n images glissées : déposez-les sur un tableau. Pour copier autant de fichiers dans un dossier, utilisez Exporter la sélection.</numerusform>
        </translation>
    </message>
    <message>
        <source>Couldn&apos;t open a file manager; the file is at {path}</source>
        <translation>Impossible d’ouvrir un gestionnaire de fichiers ; le fichier se trouve dans {path}</translation>
    </message>
    <message>
        <source>Couldn&apos;t open a file manager; the folder is at {path}</source>
        <translation>Impossible d’ouvrir un gestionnaire de fichiers ; le dossier se trouve dans {path}</translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation>Copier le chemin</translation>
    </message>
    <message>
        <source>Saved {name}.</source>
        <translation>{name} enregistré.</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Afficher dans le dossier</translation>
    </message>
    <message>
        <source>The image could not be saved</source>
        <translation>Impossible d’enregistrer l’image</translation>
    </message>
    <message>
        <source>Image copied.</source>
        <translation>Image copiée.</translation>
    </message>
    <message>
        <source>The image could not be copied</source>
        <translation>Impossible de copier l’image</translation>
    </message>
    <message>
        <source>Settings reused (Ctrl+Z restores your text). Not applicable here: the model {model}.</source>
        <translation>Paramètres réutilisés (Ctrl+Z rétablit votre texte). Non applicable ici : le modèle {model}.</translation>
    </message>
    <message>
        <source>Settings reused (Ctrl+Z restores your text).</source>
        <translation>Paramètres réutilisés (Ctrl+Z rétablit votre texte).</translation>
    </message>
    <message>
        <source>The image&apos;s settings could not be read</source>
        <translation>Impossible de lire les paramètres de l’image</translation>
    </message>
    <message>
        <source>Favourites could not be changed</source>
        <translation>Impossible de modifier les favoris</translation>
    </message>
    <message numerus="yes">
        <source>Deleting %n image(s)…</source>
        <translation>
            <numerusform>Suppression de %n image…</numerusform>
            <numerusform>Suppression de %n images…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n image(s).</source>
        <translation>
            <numerusform>%n image supprimée.</numerusform>
            <numerusform>%n images supprimées.</numerusform>
        </translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>The images could not be deleted</source>
        <translation>Impossible de supprimer les images</translation>
    </message>
    <message>
        <source>Those images were already deleted.</source>
        <translation>Ces images étaient déjà supprimées.</translation>
    </message>
    <message numerus="yes">
        <source>Restoring %n image(s)…</source>
        <translation>
            <numerusform>Restauration de %n image…</numerusform>
            <numerusform>Restauration de %n images…</numerusform>
        </translation>
    </message>
    <message>
        <source>Restored.</source>
        <translation>Restaurées.</translation>
    </message>
    <message>
        <source>The images could not be restored</source>
        <translation>Impossible de restaurer les images</translation>
    </message>
    <message>
        <source>Added to the library.</source>
        <translation>Ajoutée à la bibliothèque.</translation>
    </message>
    <message>
        <source>Already in the library.</source>
        <translation>Déjà dans la bibliothèque.</translation>
    </message>
    <message>
        <source>It could not be added: {reason}</source>
        <translation>Impossible de l’ajouter : {reason}</translation>
    </message>
</context>
<context>
    <name>LibraryPane</name>
    <message>
        <source>The library in {folder} could not be opened: {reason}</source>
        <translation>Impossible d’ouvrir la bibliothèque de {folder} : {reason}</translation>
    </message>
    <message>
        <source>Open settings</source>
        <translation>Ouvrir les paramètres</translation>
    </message>
    <message>
        <source>The library index was damaged and has been set aside as {name}; the images are being re-indexed from their embedded metadata.</source>
        <translation>L’index de la bibliothèque était endommagé et a été mis de côté sous le nom {name} ; les images sont réindexées à partir de leurs métadonnées intégrées.</translation>
    </message>
</context>
<context>
    <name>LibraryTransfers</name>
    <message>
        <source>Export images to</source>
        <translation>Exporter les images vers</translation>
    </message>
    <message>
        <source>The images could not be exported</source>
        <translation>Impossible d’exporter les images</translation>
    </message>
    <message>
        <source>Export to the top of the file system?</source>
        <translation>Exporter à la racine du système de fichiers ?</translation>
    </message>
    <message>
        <source>Export {count} images straight into {folder}?</source>
        <translation>Exporter {count} images directement dans {folder} ?</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>Files with these names exist</source>
        <translation>Des fichiers portant ces noms existent</translation>
    </message>
    <message>
        <source>{count} of the files are already in {folder} ({names}). Nothing is replaced: keep both, the new copies named “… (2)”?</source>
        <translation>{count} des fichiers sont déjà dans {folder} ({names}). Rien n’est remplacé : garder les deux, les nouvelles copies étant nommées « … (2) » ?</translation>
    </message>
    <message>
        <source>Keep both</source>
        <translation>Garder les deux</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Afficher dans le dossier</translation>
    </message>
    <message>
        <source>Import images from</source>
        <translation>Importer des images depuis</translation>
    </message>
    <message>
        <source>Import from {folder}: copy the images into the library folder, so the library owns them, or keep them where they are and only index them (no disk space used; if that folder moves, its images show as missing)? Remembered for later imports.</source>
        <translation>Importer depuis {folder} : copier les images dans le dossier de la bibliothèque, pour qu’elle les possède, ou les laisser où elles sont et seulement les indexer (aucun espace disque utilisé ; si ce dossier est déplacé, ses images apparaissent comme manquantes) ? Ce choix vaut pour les imports suivants.</translation>
    </message>
    <message>
        <source>Copy into the library</source>
        <translation>Copier dans la bibliothèque</translation>
    </message>
    <message>
        <source>Keep where they are</source>
        <translation>Les laisser où elles sont</translation>
    </message>
    <message>
        <source>Importing images from {folder}…</source>
        <translation>Import des images depuis {folder}…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n image(s).</source>
        <translation>
            <numerusform>%n image importée.</numerusform>
            <numerusform>%n images importées.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already in the library.</source>
        <translation>
            <numerusform>%n déjà dans la bibliothèque.</numerusform>
            <numerusform>%n déjà dans la bibliothèque.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n could not be read.</source>
        <translation>
            <numerusform>%n n’a pas pu être lue.</numerusform>
            <numerusform>%n n’ont pas pu être lues.</numerusform>
        </translation>
    </message>
    <message>
        <source>The import was cancelled.</source>
        <translation>L’import a été annulé.</translation>
    </message>
    <message>
        <source>Show imported</source>
        <translation>Afficher les images importées</translation>
    </message>
    <message>
        <source>Details…</source>
        <translation>Détails…</translation>
    </message>
    <message>
        <source>Files that could not be imported</source>
        <translation>Fichiers qui n’ont pas pu être importés</translation>
    </message>
    <message>
        <source>The folder could not be imported</source>
        <translation>Impossible d’importer le dossier</translation>
    </message>
    <message>
        <source>{folders} and {count} more</source>
        <translation>{folders} et {count} autres</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) could not be found where they were ({folders}): moved or removed? Missing images are hidden from the grid and come back when their files do.</source>
        <translation>
            <numerusform>%n image est introuvable à son emplacement ({folders}) : déplacée ou supprimée ? Les images manquantes sont masquées dans la grille et réapparaissent quand leurs fichiers reviennent.</numerusform>
            <numerusform>%n images sont introuvables à leur emplacement ({folders}) : déplacées ou supprimées ? Les images manquantes sont masquées dans la grille et réapparaissent quand leurs fichiers reviennent.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LibraryWorker</name>
    <message>
        <source>The library could not be read: {error}</source>
        <translation>Impossible de lire la bibliothèque : {error}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Something went wrong ({summary}). The details were written to the log; you can keep working.</source>
        <translation>Un problème est survenu ({summary}). Les détails ont été écrits dans le journal ; vous pouvez continuer à travailler.</translation>
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
    <name>ModelCatalog</name>
    <message>
        <source>No service token is set. Create one in the Nscale console, then paste it with “Set token…”. Browsing and managing your library works without one.</source>
        <translation>Aucun jeton de service n’est défini. Créez-en un dans la console Nscale, puis collez-le avec « Définir le jeton… ». Parcourir et gérer votre bibliothèque fonctionne sans jeton.</translation>
    </message>
    <message>
        <source>Set token…</source>
        <translation>Définir le jeton…</translation>
    </message>
    <message>
        <source>Open Nscale console</source>
        <translation>Ouvrir la console Nscale</translation>
    </message>
    <message>
        <source>Refreshing the model list…</source>
        <translation>Actualisation de la liste des modèles…</translation>
    </message>
    <message numerus="yes">
        <source>Model list refreshed: %n model(s).</source>
        <translation>
            <numerusform>Liste des modèles actualisée : %n modèle.</numerusform>
            <numerusform>Liste des modèles actualisée : %n modèles.</numerusform>
        </translation>
    </message>
    <message>
        <source>Model list refreshed: no image models; the built-in list is kept.</source>
        <translation>Liste des modèles actualisée : aucun modèle d’images ; la liste intégrée est conservée.</translation>
    </message>
    <message>
        <source>Last attempt failed: {reason} Using the saved list.</source>
        <translation>La dernière tentative a échoué : {reason} La liste enregistrée est utilisée.</translation>
    </message>
    <message>
        <source>The model list could not be loaded: {reason} Using the saved list.</source>
        <translation>Impossible de charger la liste des modèles : {reason} La liste enregistrée est utilisée.</translation>
    </message>
    <message>
        <source>The model list could not be loaded: {reason}</source>
        <translation>Impossible de charger la liste des modèles : {reason}</translation>
    </message>
    <message>
        <source>Refresh models</source>
        <translation>Actualiser les modèles</translation>
    </message>
</context>
<context>
    <name>PriceEditor</name>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>USD per megapixel</source>
        <translation>USD par mégapixel</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Model id, e.g. org/model-name</source>
        <translation>Identifiant du modèle, p. ex. org/nom-du-modele</translation>
    </message>
    <message>
        <source>Add model</source>
        <translation>Ajouter un modèle</translation>
    </message>
    <message>
        <source>Used for spend estimates only. Your price wins over the server&apos;s list, which wins over the built-in defaults.</source>
        <translation>Sert uniquement à estimer les dépenses. Votre prix l’emporte sur la liste du serveur, qui l’emporte sur les valeurs intégrées.</translation>
    </message>
    <message>
        <source>Price per megapixel for {model}</source>
        <translation>Prix au mégapixel pour {model}</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Réinitialiser</translation>
    </message>
    <message>
        <source>Use the server&apos;s or the default price</source>
        <translation>Utiliser le prix du serveur ou le prix par défaut</translation>
    </message>
    <message>
        <source>your price</source>
        <translation>votre prix</translation>
    </message>
    <message>
        <source>server</source>
        <translation>serveur</translation>
    </message>
    <message>
        <source>default</source>
        <translation>par défaut</translation>
    </message>
    <message>
        <source>no price: enter one</source>
        <translation>aucun prix : saisissez-en un</translation>
    </message>
</context>
<context>
    <name>PricesPage</name>
    <message>
        <source>Prices</source>
        <translation>Prix</translation>
    </message>
</context>
<context>
    <name>PromptHistory</name>
    <message>
        <source>Prompt history…</source>
        <translation>Historique des prompts…</translation>
    </message>
    <message>
        <source>Insert style…</source>
        <translation>Insérer un style…</translation>
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
        <translation>Décrivez l’image ; Ctrl+Entrée lance la génération</translation>
    </message>
    <message>
        <source>Describe the image you want…  (Ctrl+Enter generates)</source>
        <translation>Décrivez l’image souhaitée…  (Ctrl+Entrée lance la génération)</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>model id, e.g. {model}</source>
        <translation>identifiant du modèle, p. ex. {model}</translation>
    </message>
    <message>
        <source>Refresh the model list from the server</source>
        <translation>Recharger la liste des modèles depuis le serveur</translation>
    </message>
    <message>
        <source>Refresh models</source>
        <translation>Actualiser les modèles</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation>Personnalisée…</translation>
    </message>
    <message>
        <source>Custom size</source>
        <translation>Taille personnalisée</translation>
    </message>
    <message>
        <source>Width x height in pixels, e.g. 1280x720</source>
        <translation>Largeur x hauteur en pixels, p. ex. 1280x720</translation>
    </message>
    <message>
        <source>W x H, e.g. 1280x720</source>
        <translation>L x H, p. ex. 1280x720</translation>
    </message>
    <message>
        <source>Number of images</source>
        <translation>Nombre d’images</translation>
    </message>
    <message>
        <source>How many images ({least}–{most})</source>
        <translation>Nombre d’images ({least}–{most})</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Générer</translation>
    </message>
    <message>
        <source>Generate (Ctrl+Enter)</source>
        <translation>Générer (Ctrl+Entrée)</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Images</translation>
    </message>
    <message>
        <source>No price is known for {model}, so no estimate. Add one in Settings, Prices.</source>
        <translation>Aucun prix n’est connu pour {model}, donc pas d’estimation. Ajoutez-en un dans Paramètres, Prix.</translation>
    </message>
    <message>
        <source>Estimated cost of this request: images × megapixels × {price} / MP for {model}. An estimate from your prices; your Nscale bill is the authority.</source>
        <translation>Coût estimé de cette requête : images × mégapixels × {price} / MP pour {model}. Une estimation d’après vos prix ; seule votre facture Nscale fait foi.</translation>
    </message>
    <message>
        <source>Describe the image you want first.</source>
        <translation>Décrivez d’abord l’image souhaitée.</translation>
    </message>
    <message>
        <source>Choose a model or type a model id.</source>
        <translation>Choisissez un modèle ou saisissez un identifiant de modèle.</translation>
    </message>
</context>
<context>
    <name>RangeBox</name>
    <message>
        <source>Today</source>
        <translation>Aujourd’hui</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>7 derniers jours</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>30 derniers jours</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Ce mois-ci</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>Mois dernier</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>12 derniers mois</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>Depuis le début</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Personnalisée</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>Période</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>to</source>
        <translation>au</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
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
    <name>TokenSection</name>
    <message>
        <source>Service token</source>
        <translation>Jeton de service</translation>
    </message>
    <message>
        <source>Paste a service token from the Nscale console</source>
        <translation>Collez un jeton de service de la console Nscale</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>Définir</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Tester la connexion</translation>
    </message>
    <message>
        <source>Keep for this session only</source>
        <translation>Garder pour cette session seulement</translation>
    </message>
    <message>
        <source>Checking where the token is kept…</source>
        <translation>Vérification de l’emplacement du jeton…</translation>
    </message>
    <message>
        <source>The {variable} environment variable is set, so its token is in use and takes precedence over one set here. A token you set or keep here is stored, but used only once that variable is unset.</source>
        <translation>La variable d’environnement {variable} est définie : son jeton est utilisé et prévaut sur celui défini ici. Un jeton défini ou gardé ici est enregistré, mais utilisé seulement une fois cette variable supprimée.</translation>
    </message>
    <message>
        <source>Get a service token in the &lt;a href=&quot;{url}&quot;&gt;Nscale console&lt;/a&gt;.</source>
        <translation>Obtenez un jeton de service dans la &lt;a href=&quot;{url}&quot;&gt;console Nscale&lt;/a&gt;.</translation>
    </message>
    <message>
        <source>The only keyring available here stores secrets unencrypted in a plain file (anyone who can read your files can read the token). Store it there anyway, or keep it for this session only?</source>
        <translation>Le seul trousseau disponible ici stocke les secrets sans chiffrement dans un simple fichier (quiconque peut lire vos fichiers peut lire le jeton). L’y enregistrer quand même, ou le garder pour cette session seulement ?</translation>
    </message>
    <message>
        <source>Store unencrypted anyway</source>
        <translation>Enregistrer sans chiffrement quand même</translation>
    </message>
    <message>
        <source>the {variable} environment variable</source>
        <translation>variable d’environnement {variable}</translation>
    </message>
    <message>
        <source>this session only (kept in memory)</source>
        <translation>cette session seulement (en mémoire)</translation>
    </message>
    <message>
        <source>the system keyring</source>
        <translation>trousseau du système</translation>
    </message>
    <message>
        <source>nowhere</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>A token is set, from {where}.</source>
        <translation>Un jeton est défini (source : {where}).</translation>
    </message>
    <message>
        <source>Kept for this session only: the token is in memory and forgotten when the app quits. Keyring backend: {backend}.</source>
        <translation>Gardé pour cette session seulement : le jeton est en mémoire et oublié à la fermeture de l’application. Trousseau utilisé : {backend}.</translation>
    </message>
    <message>
        <source>A token is set, from {where}. Keyring backend: {backend}.</source>
        <translation>Un jeton est défini (source : {where}). Trousseau utilisé : {backend}.</translation>
    </message>
    <message>
        <source>No token is set. Keyring backend: {backend}.</source>
        <translation>Aucun jeton n’est défini. Trousseau utilisé : {backend}.</translation>
    </message>
    <message>
        <source>{status} (This backend stores secrets unencrypted.)</source>
        <translation>{status} (Ce trousseau stocke les secrets sans chiffrement.)</translation>
    </message>
    <message>
        <source>{problem} You can keep a token for this session only; it is forgotten when the app quits.</source>
        <translation>{problem} Vous pouvez garder un jeton pour cette session seulement ; il est oublié à la fermeture de l’application.</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Masquer</translation>
    </message>
    <message>
        <source>Paste a token first.</source>
        <translation>Collez d’abord un jeton.</translation>
    </message>
    <message>
        <source>The token was not saved. {error}</source>
        <translation>Le jeton n’a pas été enregistré. {error}</translation>
    </message>
    <message>
        <source>Kept for this session only, but not in use yet: the {variable} environment variable takes precedence until it is unset.</source>
        <translation>Gardé pour cette session seulement, mais pas encore utilisé : la variable d’environnement {variable} prévaut tant qu’elle est définie.</translation>
    </message>
    <message>
        <source>Stored in the system keyring, but not in use yet: the {variable} environment variable takes precedence until it is unset.</source>
        <translation>Enregistré dans le trousseau du système, mais pas encore utilisé : la variable d’environnement {variable} prévaut tant qu’elle est définie.</translation>
    </message>
    <message>
        <source>Kept for this session only; it is in use now.</source>
        <translation>Gardé pour cette session seulement ; il est utilisé maintenant.</translation>
    </message>
    <message>
        <source>Stored in the system keyring; it is in use now.</source>
        <translation>Enregistré dans le trousseau du système ; il est utilisé maintenant.</translation>
    </message>
    <message>
        <source>Testing {url}…</source>
        <translation>Test de {url}…</translation>
    </message>
    <message numerus="yes">
        <source>Connected to {url}: the server lists %n image model(s).</source>
        <translation>
            <numerusform>Connecté à {url} : le serveur propose %n modèle d’images.</numerusform>
            <numerusform>Connecté à {url} : le serveur propose %n modèles d’images.</numerusform>
        </translation>
    </message>
    <message>
        <source>Connection to {url} failed: {error}</source>
        <translation>Échec de la connexion à {url} : {error}</translation>
    </message>
</context>
<context>
    <name>UsageChart</name>
    <message>
        <source>Usage chart</source>
        <translation>Graphique d’utilisation</translation>
    </message>
    <message>
        <source>Daily limit {amount}</source>
        <translation>Limite quotidienne {amount}</translation>
    </message>
    <message>
        <source>Monthly limit {amount}</source>
        <translation>Limite mensuelle {amount}</translation>
    </message>
    <message>
        <source>{title}: no data</source>
        <translation>{title} : aucune donnée</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>Aucune donnée</translation>
    </message>
    <message numerus="yes">
        <source>%n week(s)</source>
        <translation>
            <numerusform>%n semaine</numerusform>
            <numerusform>%n semaines</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n month(s)</source>
        <translation>
            <numerusform>%n mois</numerusform>
            <numerusform>%n mois</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n jour</numerusform>
            <numerusform>%n jours</numerusform>
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
            <numerusform>Limite quotidienne {amount}, dépassée %n jour.</numerusform>
            <numerusform>Limite quotidienne {amount}, dépassée %n jours.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Monthly limit {amount}, exceeded in %n month(s).</source>
        <translation>
            <numerusform>Limite mensuelle {amount}, dépassée %n mois.</numerusform>
            <numerusform>Limite mensuelle {amount}, dépassée %n mois.</numerusform>
        </translation>
    </message>
    <message>
        <source>No usage in this range</source>
        <translation>Aucune utilisation sur cette période</translation>
    </message>
    <message>
        <source>{limit} (above the chart)</source>
        <translation>{limit} (au-dessus du graphique)</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>rien</translation>
    </message>
</context>
<context>
    <name>UsageSummary</name>
    <message>
        <source>No requests recorded in this range.</source>
        <translation>Aucune requête enregistrée sur cette période.</translation>
    </message>
    <message>
        <source>Estimated spend incomplete: a model has no price</source>
        <translation>Dépenses estimées incomplètes : un modèle n’a pas de prix</translation>
    </message>
    <message>
        <source>Estimated spend {amount}</source>
        <translation>Dépenses estimées {amount}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln failed</source>
        <translation>
            <numerusform>%Ln en échec</numerusform>
            <numerusform>%Ln en échec</numerusform>
        </translation>
    </message>
    <message>
        <source>{failed} ({kinds})</source>
        <translation>{failed} ({kinds})</translation>
    </message>
    <message>
        <source>{megapixels} MP</source>
        <translation>{megapixels} MP</translation>
    </message>
    <message numerus="yes">
        <source>%Ln request(s)</source>
        <translation>
            <numerusform>%Ln requête</numerusform>
            <numerusform>%Ln requêtes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln image(s)</source>
        <translation>
            <numerusform>%Ln image</numerusform>
            <numerusform>%Ln images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln cancelled</source>
        <translation>
            <numerusform>%Ln annulée</numerusform>
            <numerusform>%Ln annulées</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UsageTableModel</name>
    <message>
        <source>Period</source>
        <translation>Période</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Requêtes</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Images</translation>
    </message>
    <message>
        <source>Megapixels</source>
        <translation>Mégapixels</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échouées</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulées</translation>
    </message>
    <message>
        <source>Price / MP</source>
        <translation>Prix / MP</translation>
    </message>
    <message>
        <source>Est. spend</source>
        <translation>Dépenses est.</translation>
    </message>
    <message>
        <source>Not charged:
{kinds}</source>
        <translation>Non facturé :
{kinds}</translation>
    </message>
    <message>
        <source>No price for this model: set one in Settings &gt; Prices.</source>
        <translation>Aucun prix pour ce modèle : définissez-en un dans Paramètres &gt; Prix.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <source>{price} / MP</source>
        <translation>{price} / MP</translation>
    </message>
    <message>
        <source>price unknown</source>
        <translation>prix inconnu</translation>
    </message>
</context>
<context>
    <name>UsageView</name>
    <message>
        <source>Usage and estimated spend</source>
        <translation>Utilisation et dépenses estimées</translation>
    </message>
    <message>
        <source>All models</source>
        <translation>Tous les modèles</translation>
    </message>
    <message>
        <source>Per day</source>
        <translation>Par jour</translation>
    </message>
    <message>
        <source>Per week</source>
        <translation>Par semaine</translation>
    </message>
    <message>
        <source>Per month</source>
        <translation>Par mois</translation>
    </message>
    <message>
        <source>Per model</source>
        <translation>Par modèle</translation>
    </message>
    <message>
        <source>Estimated spend</source>
        <translation>Dépenses estimées</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Images</translation>
    </message>
    <message>
        <source>Chart shows</source>
        <translation>Le graphique montre</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exporter en CSV…</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Lignes</translation>
    </message>
    <message>
        <source>Usage by model</source>
        <translation>Utilisation par modèle</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>Could not read the usage records: {error}</source>
        <translation>Impossible de lire les relevés d’utilisation : {error}</translation>
    </message>
    <message>
        <source>Per day, by model:</source>
        <translation>Par jour, par modèle :</translation>
    </message>
    <message>
        <source>Per week, by model:</source>
        <translation>Par semaine, par modèle :</translation>
    </message>
    <message>
        <source>Per month, by model:</source>
        <translation>Par mois, par modèle :</translation>
    </message>
    <message>
        <source>Estimated spend (USD)</source>
        <translation>Dépenses estimées (USD)</translation>
    </message>
    <message>
        <source>Export usage as CSV</source>
        <translation>Exporter l’utilisation en CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exporting to {path}…</source>
        <translation>Export vers {path}…</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n row(s) to {path}.</source>
        <translation>
            <numerusform>%n ligne exportée vers {path}.</numerusform>
            <numerusform>%n lignes exportées vers {path}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not export to {path}: {error}</source>
        <translation>Impossible d’exporter vers {path} : {error}</translation>
    </message>
</context>
<context>
    <name>WindowDialogs</name>
    <message>
        <source>Endpoint: {url} (from the {variable} environment variable)</source>
        <translation>Point d’accès : {url} (de la variable d’environnement {variable})</translation>
    </message>
    <message>
        <source>Endpoint: {url} (from the settings)</source>
        <translation>Point d’accès : {url} (des paramètres)</translation>
    </message>
    <message>
        <source>Library: {folder}</source>
        <translation>Bibliothèque : {folder}</translation>
    </message>
    <message>
        <source>A desktop client for Nscale&apos;s hosted image models.</source>
        <translation>Un client de bureau pour les modèles d’images hébergés par Nscale.</translation>
    </message>
    <message>
        <source>Nscale console</source>
        <translation>Console Nscale</translation>
    </message>
    <message>
        <source>About {app}</source>
        <translation>À propos de {app}</translation>
    </message>
    <message>
        <source>Quit with unfinished jobs?</source>
        <translation>Quitter avec des tâches inachevées ?</translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) still running or queued. Quitting cancels them; images not received yet are lost.</source>
        <translation>
            <numerusform>%n tâche est encore en cours ou en attente. Quitter l’annule ; les images pas encore reçues sont perdues.</numerusform>
            <numerusform>%n tâches sont encore en cours ou en attente. Quitter les annule ; les images pas encore reçues sont perdues.</numerusform>
        </translation>
    </message>
    <message>
        <source>Quit anyway</source>
        <translation>Quitter quand même</translation>
    </message>
    <message>
        <source>Wait</source>
        <translation>Attendre</translation>
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
    <name>errors</name>
    <message>
        <source>The request is not valid.</source>
        <translation>La requête n’est pas valide.</translation>
    </message>
    <message>
        <source>No service token is set. Create one in the Nscale console, then add it in Settings (or with the command nscale-studio-cli token set, or the NSCALE_SERVICE_TOKEN environment variable).</source>
        <translation>Aucun jeton de service n’est défini. Créez-en un dans la console Nscale, puis ajoutez-le dans les Paramètres (ou avec la commande nscale-studio-cli token set, ou la variable d’environnement NSCALE_SERVICE_TOKEN).</translation>
    </message>
    <message>
        <source>Refusing to send the service token over plain http:// to a non-local host. Use an https:// base URL (plain http:// is allowed only for 127.0.0.1 / localhost).</source>
        <translation>Le jeton de service n’est pas envoyé en http:// non chiffré à un hôte distant. Utilisez une URL de base en https:// (http:// n’est autorisé que pour 127.0.0.1 / localhost).</translation>
    </message>
    <message>
        <source>The server rejected the request.</source>
        <translation>Le serveur a refusé la requête.</translation>
    </message>
    <message>
        <source>The service token was not accepted (401). Check or replace it.</source>
        <translation>Le jeton de service n’a pas été accepté (401). Vérifiez-le ou remplacez-le.</translation>
    </message>
    <message>
        <source>The service token is not allowed to do this (403).</source>
        <translation>Le jeton de service n’a pas le droit de faire cela (403).</translation>
    </message>
    <message>
        <source>The model was not found or is unavailable (404).</source>
        <translation>Le modèle est introuvable ou indisponible (404).</translation>
    </message>
    <message>
        <source>Insufficient credit (429). Top up your Nscale account; the request was not retried.</source>
        <translation>Crédit insuffisant (429). Rechargez votre compte Nscale ; la requête n’a pas été renvoyée.</translation>
    </message>
    <message>
        <source>The server failed to process the request (500). Try again later.</source>
        <translation>Le serveur n’a pas pu traiter la requête (500). Réessayez plus tard.</translation>
    </message>
    <message>
        <source>The service is temporarily unavailable. Try again shortly.</source>
        <translation>Le service est momentanément indisponible. Réessayez dans un instant.</translation>
    </message>
    <message>
        <source>Could not reach the server. Check the network and the base URL.</source>
        <translation>Impossible de joindre le serveur. Vérifiez le réseau et l’URL de base.</translation>
    </message>
    <message>
        <source>The server did not answer in time.</source>
        <translation>Le serveur n’a pas répondu à temps.</translation>
    </message>
    <message>
        <source>The server sent a reply the app could not understand.</source>
        <translation>Le serveur a envoyé une réponse que l’application ne comprend pas.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
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
    <name>jobs</name>
    <message>
        <source>Queued</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Running… {seconds} s</source>
        <translation>En cours… {seconds} s</translation>
    </message>
    <message>
        <source>attempt {attempt} of {attempts}</source>
        <translation>tentative {attempt} sur {attempts}</translation>
    </message>
    <message>
        <source>{reason} — retrying in {wait} s, {attempt}</source>
        <translation>{reason} — nouvel essai dans {wait} s, {attempt}</translation>
    </message>
    <message>
        <source>Running… {seconds} s ({attempt})</source>
        <translation>En cours… {seconds} s ({attempt})</translation>
    </message>
    <message numerus="yes">
        <source>Done: %n image(s) in {seconds} s</source>
        <translation>
            <numerusform>Terminée : %n image en {seconds} s</numerusform>
            <numerusform>Terminée : %n images en {seconds} s</numerusform>
        </translation>
    </message>
    <message>
        <source>{status}. {note}</source>
        <translation>{status}. {note}</translation>
    </message>
    <message>
        <source>Not in the library; the images were saved to {folder}.</source>
        <translation>Pas dans la bibliothèque ; les images ont été enregistrées dans {folder}.</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulée</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échec</translation>
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
