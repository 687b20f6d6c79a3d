"""Where a page of the manual lives on the published site: the one copy of the engine's URL rules."""

from __future__ import annotations

import posixpath


def page_url(site_url: str, relative: str, anchor: str | None = None, *, directory_urls: bool = True) -> str:
    """The address of ``relative`` (a page under the manual folder) on the site at ``site_url``.

    With directory URLs (a site on a web server) ``byod.md`` is ``<site>/byod/``; without them
    (a site opened from a folder) it is ``<site>/byod.html``. Empty when there is no ``site_url``.
    """
    if not site_url:
        return ""
    stem = posixpath.splitext(relative)[0]
    folder, name = posixpath.split(stem)
    if not directory_urls:
        path = f"{stem}.html"
    elif name in ("index", "README"):
        path = f"{folder}/" if folder else ""
    else:
        path = f"{stem}/"
    base = site_url if site_url.endswith("/") else site_url + "/"
    return base + path + (f"#{anchor}" if anchor else "")
