"""Teaching a class: the nbgitpuller link (Python and CLI) and the Zero to JupyterHub values."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from virtlab_widgets.classroom import NOTEBOOKS, gitpuller_link, repo_folder
from virtlab_widgets.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_link_opens_the_notebook_in_the_clone():
    link = gitpuller_link("https://hub.example.edu/", "https://github.com/me/virtlab.git", "04", "main")
    parts = urlsplit(link)
    assert parts.netloc == "hub.example.edu" and parts.path == "/hub/user-redirect/git-pull"
    q = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert q == {"repo": "https://github.com/me/virtlab.git", "branch": "main", "targetpath": "virtlab",
                 "urlpath": "lab/tree/virtlab/notebooks/04_containers.ipynb"}


def test_every_linked_notebook_exists():
    for name in NOTEBOOKS.values():
        assert (ROOT / "notebooks" / name).exists()
        assert (ROOT / "notebooks" / "en" / name).exists()
    assert repo_folder("file:///tmp/x/virtlab.git") == "virtlab"


@pytest.mark.parametrize("hub, repo, notebook, branch, error", [
    ("ftp://hub", "https://github.com/me/virtlab", "04", "main", ValueError),
    ("https://hub", "https://github.com/me/virtlab", "4", "main", ValueError),
    ("https://hub", "https://github.com/me/virtlab", "04", "main; rm -rf", ValueError),
    (None, "https://github.com/me/virtlab", "04", "main", TypeError),
    ("https://hub", "javascript:alert(1)", "04", "main", ValueError),
])
def test_bad_link_input_is_refused_plainly(hub, repo, notebook, branch, error):
    with pytest.raises(error):
        gitpuller_link(hub, repo, notebook, branch)


def test_cli_prints_the_link(capsys):
    assert main(["link", "--hub", "https://hub.example.edu", "--notebook", "07"]) == 0
    assert capsys.readouterr().out.strip().endswith("07_lab_syllabus.ipynb")
    assert main(["link", "--hub", "hub.example.edu"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "http or https URL" in err


def test_link_opens_the_english_edition(capsys):
    assert main(["link", "--hub", "https://hub.example.edu", "--notebook", "04", "--edition", "en"]) == 0
    q = parse_qs(urlsplit(capsys.readouterr().out.strip()).query)
    assert q["urlpath"] == ["lab/tree/virtlab/notebooks/en/04_containers.ipynb"]
    assert main(["link", "--hub", "https://hub.example.edu", "--edition", "fr"]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_z2jh_values_parse_and_fit_the_measurement():
    values = yaml.safe_load((ROOT / "deploy/z2jh-values.yaml").read_text("utf-8"))
    single = values["singleuser"]
    assert single["cmd"] == "jupyterhub-singleuser" and single["image"]["tag"] != "latest"
    mib = {"M": 1, "G": 1024}
    guarantee = int(single["memory"]["guarantee"][:-1]) * mib[single["memory"]["guarantee"][-1]]
    limit = int(single["memory"]["limit"][:-1]) * mib[single["memory"]["limit"][-1]]
    assert 280 < guarantee < limit, "the guarantee covers the measured 280 MiB per student"
