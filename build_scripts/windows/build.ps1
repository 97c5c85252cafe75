<#
.SYNOPSIS
  Builds the Windows release artefacts of Nscale Image Studio into dist\:
    dist\nscale-studio\                                   the one-folder PyInstaller bundle
    dist\nscale-studio-VERSION-windows-x64.zip            that folder, portable
    dist\nscale-studio-VERSION-windows-x64-setup.exe      per-user NSIS installer
  What goes into the bundle is the spec's business; the installer layout is installer.nsi's.
.PARAMETER SkipBundle
  Reuse an existing dist\nscale-studio instead of running PyInstaller.
.NOTES
  Needs Python with `pip install -e ".[build]"` and NSIS 3 (choco install nsis). Set $env:PYTHON
  to pick an interpreter and $env:MAKENSIS to point at makensis.exe if it is not on PATH.
#>
param([switch]$SkipBundle)

$ErrorActionPreference = "Stop"
$Root = (Resolve-Path (Join-Path $PSScriptRoot "..\..")).Path
$Python = if ($env:PYTHON) { $env:PYTHON } else { "python" }
$AppId = "nscale-studio"
$Dist = Join-Path $Root "dist"
$Bundle = Join-Path $Dist $AppId

Push-Location $Root
try {
    $Version = (& $Python -c "import desktop_app; print(desktop_app.__version__)").Trim()
    if ($LASTEXITCODE -ne 0) { throw "cannot import desktop_app: pip install -e .[build] first" }

    if (-not $SkipBundle) {
        Write-Host "==> PyInstaller bundle -> $Bundle"
        & $Python -m PyInstaller --noconfirm --log-level WARN --distpath $Dist `
            --workpath (Join-Path $Root "build\pyinstaller") build_scripts\nscale-studio.spec
        if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }
    }
    $Exe = Join-Path $Bundle "$AppId.exe"
    if (-not (Test-Path $Exe)) { throw "no bundle at $Bundle" }

    # A windowed exe has no console to print to, so the smoke test is judged by its exit code.
    Write-Host "==> smoke test"
    $env:QT_QPA_PLATFORM = "offscreen"
    $process = Start-Process -FilePath $Exe -ArgumentList "--smoke-test" -Wait -PassThru
    Remove-Item Env:QT_QPA_PLATFORM
    if ($process.ExitCode -ne 0) { throw "bundle smoke test exited with $($process.ExitCode)" }

    $Zip = Join-Path $Dist "$AppId-$Version-windows-x64.zip"
    Write-Host "==> portable zip -> $Zip"
    if (Test-Path $Zip) { Remove-Item $Zip }
    Compress-Archive -Path $Bundle -DestinationPath $Zip

    $MakeNsis = $env:MAKENSIS
    if (-not $MakeNsis) {
        $found = Get-Command makensis -ErrorAction SilentlyContinue
        $MakeNsis = if ($found) { $found.Source } else { Join-Path ${env:ProgramFiles(x86)} "NSIS\makensis.exe" }
    }
    if (-not (Test-Path $MakeNsis)) { throw "makensis not found: choco install nsis, or set MAKENSIS" }
    $Installer = Join-Path $Dist "$AppId-$Version-windows-x64-setup.exe"
    Write-Host "==> installer -> $Installer"
    & $MakeNsis /V2 /WX "/DVERSION=$Version" "/DBUNDLE_DIR=$Bundle" "/DOUT_FILE=$Installer" `
        build_scripts\windows\installer.nsi
    if ($LASTEXITCODE -ne 0) { throw "makensis failed" }
}
finally {
    Pop-Location
}
