"""Teaching a class on JupyterHub: the nbgitpuller link that opens a lecture notebook.

A student who clicks the link logs in to the hub, gets their own server, and nbgitpuller clones
(or, on later clicks, merges) the repository into their home folder before JupyterLab opens the
notebook. ``python -m virtlab_widgets link --hub https://hub.example.edu --notebook 04`` prints
it (README, "Teaching a class"); ``--edition en`` opens the English edition's notebook
(``notebooks/en/``), whose kernel then runs in English.
"""
from __future__ import annotations

import re
from pathlib import PurePosixPath
from urllib.parse import urlencode, urlsplit

from .text import DEFAULT, TEXT
from .validate import check_choice

NOTEBOOKS = {"00": "00_index.ipynb", "01": "01_virtualization.ipynb", "02": "02_pros_and_cons.ipynb",
             "03": "03_hypervisor.ipynb", "04": "04_containers.ipynb", "05": "05_virtual_machines.ipynb",
             "06": "06_vm_software.ipynb", "07": "07_lab_syllabus.ipynb"}


def _checked_url(value: object, what: str, schemes: tuple[str, ...]) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a URL string, got {type(value).__name__}")
    parts = urlsplit(value.strip())
    if parts.scheme not in schemes or not (parts.netloc or parts.scheme == "file"):
        raise ValueError(f"{what} must be a {' or '.join(schemes)} URL, got {value[:80]!r}")
    return value.strip().rstrip("/")


def repo_folder(repo: str) -> str:
    """The folder nbgitpuller clones ``repo`` into (its last path part, without ``.git``)."""
    name = PurePosixPath(urlsplit(repo).path.rstrip("/")).name
    return re.sub(r"\.git$", "", name) or "virtlab"


def gitpuller_link(hub: str, repo: str, notebook: str = "00", branch: str = "main", edition: str = DEFAULT) -> str:
    """The link that opens notebook ``notebook`` ("04") of ``repo`` for each student of ``hub``,
    in the Korean edition or another (``edition="en"``: ``notebooks/en/``).

    >>> gitpuller_link("https://hub.example.edu", "https://github.com/me/virtlab", "04")
    'https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fme%2Fvirtlab&branch=main&targetpath=virtlab&urlpath=lab%2Ftree%2Fvirtlab%2Fnotebooks%2F04_containers.ipynb'
    """
    hub = _checked_url(hub, "the hub address", ("http", "https"))
    repo = _checked_url(repo, "the repository", ("http", "https", "file"))
    name = NOTEBOOKS[check_choice(notebook, "notebook", NOTEBOOKS)]
    folder_of_edition = "" if check_choice(edition, "edition", TEXT) == DEFAULT else f"{edition}/"
    if not isinstance(branch, str) or not re.fullmatch(r"[\w./-]{1,100}", branch):
        raise ValueError(f"branch must be a git branch name, got {str(branch)[:80]!r}")
    folder = repo_folder(repo)  # named explicitly: nbgitpuller's own default keeps a ".git" suffix
    query = urlencode({"repo": repo, "branch": branch, "targetpath": folder,
                       "urlpath": f"lab/tree/{folder}/notebooks/{folder_of_edition}{name}"})
    return f"{hub}/hub/user-redirect/git-pull?{query}"
