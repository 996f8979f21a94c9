"""The arrows of the house (README, "Architecture"): a module imports only from its own layer or the layers below,
and the capabilities beside commitments (public pages, API, sign-on, programme documents) reach it through its
workflow, permissions, QuerySets and files, never through its views; commitments knows none of them."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

BASE = Path(settings.BASE_DIR)
# The layers of commitments/, lowest first. A module may import from its own layer and the ones below.
LAYERS = [
    {"models", "validators", "people", "fileformat"},
    {"permissions"},
    {"notifications", "timeline", "overview"},
    {"workflow"},
    # What serves the pages and the files: forms, filters and tables are the pages' own, not the workflow's.
    {"imports", "exports", "jaarbericht", "forms", "filters", "tables", "admin", "backends", "context_processors"},
    {"templatetags"},
    {"management", "views"},
    {"urls"},
]
LAYER_OF = {name: rank for rank, names in enumerate(LAYERS) for name in names}
CAPABILITIES = ("public", "api", "sso", "intake")
# What the capabilities may use of commitments: everything but its pages.
NOT_FOR_CAPABILITIES = ("commitments.views", "commitments.urls")


def imported_modules(path):
    """The absolute module names a file imports (relative imports made absolute)."""
    package = ".".join(path.relative_to(BASE).with_suffix("").parts[:-1])
    return modules_imported_by(path.read_text(encoding="utf-8"), package)


def modules_imported_by(source, package):
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            yield module
            yield from (f"{module}.{alias.name}" for alias in node.names)


def source_files(app):
    return [
        path
        for path in sorted((BASE / app).rglob("*.py"))
        if "migrations" not in path.parts and "tests" not in path.parts
    ]


def layer(module):
    """The layer of a module of commitments (its first part below the package), or None for one outside it."""
    parts = module.split(".")
    if parts[0] != "commitments" or len(parts) < 2:
        return None
    return LAYER_OF.get(parts[1])


@pytest.mark.parametrize("path", source_files("commitments"), ids=lambda path: str(path.relative_to(BASE)))
def test_a_module_of_commitments_imports_from_its_layer_or_below(path):
    own = layer(".".join(path.relative_to(BASE).with_suffix("").parts))
    if own is None:
        pytest.skip("the package's own __init__ or apps")
    upward = sorted(
        module for module in set(imported_modules(path)) if (rank := layer(module)) is not None and rank > own
    )
    sideways = sorted(module for module in set(imported_modules(path)) if module.split(".")[0] in CAPABILITIES)
    assert not upward, f"{path.name} (layer {own}) imports from a layer above it: {upward}"
    assert not sideways, f"{path.name} imports from a capability beside commitments: {sideways}"


def test_every_module_of_commitments_has_a_layer():
    names = {
        path.relative_to(BASE / "commitments").parts[0].removesuffix(".py")
        for path in source_files("commitments")
        if path.name not in ("__init__.py", "apps.py") or len(path.relative_to(BASE / "commitments").parts) > 1
    }
    assert names <= set(LAYER_OF), f"give these a layer in LAYERS: {sorted(names - set(LAYER_OF))}"


@pytest.mark.parametrize("app", CAPABILITIES)
def test_a_capability_reaches_commitments_only_below_its_pages(app):
    wrong = sorted(
        f"{path.relative_to(BASE)}: {module}"
        for path in source_files(app)
        for module in set(imported_modules(path))
        if module.startswith(NOT_FOR_CAPABILITIES)
    )
    assert not wrong, wrong


def test_the_check_sees_an_upward_import():
    """The walk would find an arrow the wrong way: a model importing the workflow and a page, relatively too."""
    source = "from commitments import workflow\nfrom .views import register\nimport commitments.urls\n"
    found = {
        module for module in modules_imported_by(source, "commitments") if (layer(module) or 0) > LAYER_OF["models"]
    }
    assert {"commitments.workflow", "commitments.views.register", "commitments.urls"} <= found
