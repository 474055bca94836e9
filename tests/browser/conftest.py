"""Fixtures for the end-to-end tests: one JupyterLab server and one headless Chromium per module.

Needs Chromium (Debian's ``chromium``; never ``playwright install``) and the ``playwright``
package. Without them the tests are skipped with a message; in CI (``CI=true``) that is an error.
"""
from __future__ import annotations

import os

import pytest
from labdriver import LabServer, find_chromium, launch_browser

IN_CI = os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def unavailable(reason: str):
    """Skip locally, fail in CI: an end-to-end test that did not run proves nothing."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: a skipped browser test counts as a failure)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def chromium_path() -> str:
    path = find_chromium()
    if path is None:
        unavailable("Chromium not found (install Debian's `chromium`, or set VIRTLAB_CHROMIUM): "
                    "browser tests skipped")
    return path


@pytest.fixture(scope="module")
def playwright_sync():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the `playwright` Python package is not installed (pip install -e '.[test]'): "
                    "browser tests skipped")
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def browser(playwright_sync, chromium_path):
    b = launch_browser(playwright_sync, chromium_path)
    yield b
    b.close()


@pytest.fixture(scope="module")
def lab_server(browser):  # after the browser: no server start when the tests are skipped
    with LabServer() as server:
        yield server
