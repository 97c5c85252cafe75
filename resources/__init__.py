"""Icons, desktop-integration files and other static data, installed as `desktop_app.resources`.

The folder lives at the top of the repository (where packagers look for it) and is mapped into the
package by pyproject.toml, so `importlib.resources.files("desktop_app.resources")` finds it in a
checkout, an installed wheel and a PyInstaller bundle alike.
"""
