"""Nscale Image Studio: a desktop client for Nscale's hosted image models.

This module is the single source of the app's identity. Everything that needs the display name,
the app id (platformdirs app name, keyring service name, QSettings application name) or the
version imports it from here.
"""

__version__ = "0.1.0"

APP_NAME = "Nscale Image Studio"
APP_ID = "nscale-studio"
USER_AGENT = f"{APP_ID}/{__version__}"

DEFAULT_BASE_URL = "https://inference.api.nscale.com/v1"
DEFAULT_MODEL = "black-forest-labs/FLUX.1-schnell"
TOKEN_ENV_VAR = "NSCALE_SERVICE_TOKEN"
BASE_URL_ENV_VAR = "NSCALE_BASE_URL"
CONSOLE_URL = "https://console.nscale.com"
