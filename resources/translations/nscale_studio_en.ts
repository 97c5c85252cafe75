<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>BatchDialog</name>
    <message numerus="yes">
        <source>How many of the batch&apos;s requests may be in flight at once (the window runs at most %n job(s) at a time).</source>
        <translation>
            <numerusform>How many of the batch&apos;s requests may be in flight at once (the window runs at most %n job at a time).</numerusform>
            <numerusform>How many of the batch&apos;s requests may be in flight at once (the window runs at most %n jobs at a time).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n request</numerusform>
            <numerusform>%n requests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n image</numerusform>
            <numerusform>%n images</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BatchGridDialog</name>
    <message numerus="yes">
        <source>Batch {number}: %n request(s)</source>
        <translation>
            <numerusform>Batch {number}: %n request</numerusform>
            <numerusform>Batch {number}: %n requests</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BoardListModel</name>
    <message numerus="yes">
        <source>{name}: %Ln image(s)</source>
        <translation>
            <numerusform>{name}: %Ln image</numerusform>
            <numerusform>{name}: %Ln images</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BoardPanel</name>
    <message numerus="yes">
        <source>Added %Ln image(s) to the board.</source>
        <translation>
            <numerusform>Added %Ln image to the board.</numerusform>
            <numerusform>Added %Ln images to the board.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Added %Ln image(s) to {board}.</source>
        <translation>
            <numerusform>Added %Ln image to {board}.</numerusform>
            <numerusform>Added %Ln images to {board}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removed %Ln image(s) from the board.</source>
        <translation>
            <numerusform>Removed %Ln image from the board.</numerusform>
            <numerusform>Removed %Ln images from the board.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removed %Ln image(s) from {board}.</source>
        <translation>
            <numerusform>Removed %Ln image from {board}.</numerusform>
            <numerusform>Removed %Ln images from {board}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GalleryModel</name>
    <message numerus="yes">
        <source>%n star(s)</source>
        <translation>
            <numerusform>%n star</numerusform>
            <numerusform>%n stars</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GalleryPanel</name>
    <message numerus="yes">
        <source>%Ln image(s)</source>
        <translation>
            <numerusform>%Ln image</numerusform>
            <numerusform>%Ln images</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GroupItemsModel</name>
    <message numerus="yes">
        <source>done: %n image(s)</source>
        <translation>
            <numerusform>done: %n image</numerusform>
            <numerusform>done: %n images</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GroupRow</name>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not sent</source>
        <translation>
            <numerusform>%n not sent</numerusform>
            <numerusform>%n not sent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in flight</source>
        <translation>
            <numerusform>%n in flight</numerusform>
            <numerusform>%n in flight</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Batch: %n request(s)</source>
        <translation>
            <numerusform>Batch: %n request</numerusform>
            <numerusform>Batch: %n requests</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryTableModel</name>
    <message numerus="yes">
        <source>%n time(s)</source>
        <translation>
            <numerusform>%n time</numerusform>
            <numerusform>%n times</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImageInfoDialog</name>
    <message numerus="yes">
        <source>Metadata blocks (%n)</source>
        <translation>
            <numerusform>Metadata blocks (%n)</numerusform>
            <numerusform>Metadata blocks (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… %Ln more character(s); Copy copies all.</source>
        <translation>
            <numerusform>… %Ln more character; Copy copies all.</numerusform>
            <numerusform>… %Ln more characters; Copy copies all.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JobsController</name>
    <message numerus="yes">
        <source>%n new image(s) ready.</source>
        <translation>
            <numerusform>%n new image ready.</numerusform>
            <numerusform>%n new images ready.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved %n image(s) to {folder}.</source>
        <translation>
            <numerusform>Saved %n image to {folder}.</numerusform>
            <numerusform>Saved %n images to {folder}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LibraryController</name>
    <message numerus="yes">
        <source>Dragging %n image(s): drop them on a board. To copy this many files to a folder, use Export selection.</source>
        <translation>
            <numerusform>Dragging %n image: drop them on a board. To copy this many files to a folder, use Export selection.</numerusform>
            <numerusform>Dragging %n images: drop them on a board. To copy this many files to a folder, use Export selection.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleting %n image(s)…</source>
        <translation>
            <numerusform>Deleting %n image…</numerusform>
            <numerusform>Deleting %n images…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n image(s).</source>
        <translation>
            <numerusform>Deleted %n image.</numerusform>
            <numerusform>Deleted %n images.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restoring %n image(s)…</source>
        <translation>
            <numerusform>Restoring %n image…</numerusform>
            <numerusform>Restoring %n images…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LibraryTransfers</name>
    <message numerus="yes">
        <source>Imported %n image(s).</source>
        <translation>
            <numerusform>Imported %n image.</numerusform>
            <numerusform>Imported %n images.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already in the library.</source>
        <translation>
            <numerusform>%n already in the library.</numerusform>
            <numerusform>%n already in the library.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n could not be read.</source>
        <translation>
            <numerusform>%n could not be read.</numerusform>
            <numerusform>%n could not be read.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) could not be found where they were ({folders}): moved or removed? Missing images are hidden from the grid and come back when their files do.</source>
        <translation>
            <numerusform>%n image could not be found where they were ({folders}): moved or removed? Missing images are hidden from the grid and come back when their files do.</numerusform>
            <numerusform>%n images could not be found where they were ({folders}): moved or removed? Missing images are hidden from the grid and come back when their files do.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ModelCatalog</name>
    <message numerus="yes">
        <source>Model list refreshed: %n model(s).</source>
        <translation>
            <numerusform>Model list refreshed: %n model.</numerusform>
            <numerusform>Model list refreshed: %n models.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SortingController</name>
    <message numerus="yes">
        <source>rated %n+ stars</source>
        <translation>
            <numerusform>rated %n+ stars</numerusform>
            <numerusform>rated %n+ stars</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TokenSection</name>
    <message numerus="yes">
        <source>Connected to {url}: the server lists %n image model(s).</source>
        <translation>
            <numerusform>Connected to {url}: the server lists %n image model.</numerusform>
            <numerusform>Connected to {url}: the server lists %n image models.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UsageChart</name>
    <message numerus="yes">
        <source>%n week(s)</source>
        <translation>
            <numerusform>%n week</numerusform>
            <numerusform>%n weeks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n month(s)</source>
        <translation>
            <numerusform>%n month</numerusform>
            <numerusform>%n months</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Daily limit {amount}, exceeded on %n day(s).</source>
        <translation>
            <numerusform>Daily limit {amount}, exceeded on %n day.</numerusform>
            <numerusform>Daily limit {amount}, exceeded on %n days.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Monthly limit {amount}, exceeded in %n month(s).</source>
        <translation>
            <numerusform>Monthly limit {amount}, exceeded in %n month.</numerusform>
            <numerusform>Monthly limit {amount}, exceeded in %n months.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UsageSummary</name>
    <message numerus="yes">
        <source>%Ln failed</source>
        <translation>
            <numerusform>%Ln failed</numerusform>
            <numerusform>%Ln failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln request(s)</source>
        <translation>
            <numerusform>%Ln request</numerusform>
            <numerusform>%Ln requests</numerusform>
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
            <numerusform>%Ln cancelled</numerusform>
            <numerusform>%Ln cancelled</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UsageView</name>
    <message numerus="yes">
        <source>Exported %n row(s) to {path}.</source>
        <translation>
            <numerusform>Exported %n row to {path}.</numerusform>
            <numerusform>Exported %n rows to {path}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WindowDialogs</name>
    <message numerus="yes">
        <source>%n job(s) still running or queued. Quitting cancels them; images not received yet are lost.</source>
        <translation>
            <numerusform>%n job still running or queued. Quitting cancels them; images not received yet are lost.</numerusform>
            <numerusform>%n jobs still running or queued. Quitting cancels them; images not received yet are lost.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>export</name>
    <message numerus="yes">
        <source>Exported %Ln image(s) to {folder}.</source>
        <translation>
            <numerusform>Exported %Ln image to {folder}.</numerusform>
            <numerusform>Exported %Ln images to {folder}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{files} and %Ln more</source>
        <translation>
            <numerusform>{files} and %Ln more</numerusform>
            <numerusform>{files} and %Ln more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported {written} of %Ln image(s) to {folder}; skipped: {files}.</source>
        <translation>
            <numerusform>Exported {written} of %Ln image to {folder}; skipped: {files}.</numerusform>
            <numerusform>Exported {written} of %Ln images to {folder}; skipped: {files}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>jobs</name>
    <message numerus="yes">
        <source>Done: %n image(s) in {seconds} s</source>
        <translation>
            <numerusform>Done: %n image in {seconds} s</numerusform>
            <numerusform>Done: %n images in {seconds} s</numerusform>
        </translation>
    </message>
</context>
</TS>
