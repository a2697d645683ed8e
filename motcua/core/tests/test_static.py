"""Production serves its pages: the collected static files form a complete manifest."""

from __future__ import annotations

from pathlib import Path

from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.test import override_settings

MANIFEST = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}


def test_collectstatic_with_the_manifest_storage_succeeds(tmp_path: Path) -> None:
    with override_settings(STORAGES=MANIFEST, STATIC_ROOT=tmp_path, DEBUG=False):
        call_command("collectstatic", "--noinput", verbosity=0)
        assert staticfiles_storage.url("motcua/js/chart.umd.min.js").startswith(
            "/static/motcua/js/chart.umd.min."
        )
    assert (tmp_path / "staticfiles.json").exists()


def test_vendored_scripts_name_no_source_map_we_do_not_ship() -> None:
    root = Path(__file__).resolve().parents[3] / "static"
    named = [
        path.name
        for path in root.rglob("*.js")
        if "sourceMappingURL=" in path.read_text(errors="ignore")
        and not (path.parent / f"{path.name}.map").exists()
    ]
    assert named == []
