<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
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
</TS>
