"""What base.html needs on every page: the deployment's theme (THEME_DIR) and where in the menu the page is."""

from django.conf import settings

# The menu's entries by the start of their paths; the first that matches marks its entry (aria-current).
MENU_SECTIONS = (
    ("/commitments/", "register"),
    ("/reviews/", "review_queue"),
    ("/overview/", "overview"),
    ("/programmes/", "programmes"),
    ("/import/", "import"),
)


def theme(request):
    """`theme_css`: the stylesheet of the deployment's own design tokens (THEME_DIR/theme.css, served as the
    static file theme/theme.css), linked after ours; `theme_logo`: its logo.svg. Both None without THEME_DIR."""
    return {"theme_css": settings.THEME_CSS, "theme_logo": settings.THEME_LOGO}


def menu(request):
    """`menu_current`: the menu entry of this page, "page" on its own address, "true" on the pages below it (for
    aria-current), e.g. {"register": "true"} on a commitment's page."""
    path = getattr(request, "path", "") or ""
    if path == "/":
        return {"menu_current": {"dashboard": "page"}}
    for prefix, name in MENU_SECTIONS:
        if path.startswith(prefix):
            return {"menu_current": {name: "page" if path == prefix else "true"}}
    return {"menu_current": {}}
