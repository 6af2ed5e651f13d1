"""Hook: the newsletter's settings (mkdocs.yml, `extra.newsletter`) are checked before anything
is built: the mailing tool's unsubscribe merge tag, and the mailing list's sign-up page, which
/newsletter/ links (overrides/partials/newsletter/subscribe.html): only an http(s) address.

Event: on_config; a bad value stops the build with one line naming the setting.
Data read: mkdocs.yml. Output owned: none (the archive's pages are generated pages:
multilingual_site/newsletter_archive.py; the e-mails are made by `make newsletter`).
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from multilingual_site.newsletters import SettingsError, settings


def on_config(config):
    try:
        settings(config.extra)
    except SettingsError as error:
        raise PluginError(str(error)) from None
    return config
