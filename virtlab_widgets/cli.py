"""Command-line simulator, in the spirit of OSTEP's homework programs.

    python -m virtlab_widgets simulate --vms 4 --containers 10 --host laptop-8 [--json]

It prints the parameters it used (with their sources via ``presets``) and the results.
"fits" means memory *and* disk suffice, and agrees with the capacity line; past capacity
the start-up line says "does not fit" instead of a time. Bad input (including a VM profile
on a hypervisor it cannot run on, e.g. ``--vm-profile microvm --hypervisor esxi``) exits
with status 2 and one line on stderr.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
from typing import Any, NoReturn

from .models import model
from .models import presets as P
from .text import TEXT

MAX_MESSAGE = 200  # an error line never echoes a huge argument back


def _one_line(message: object) -> str:
    message = " ".join(str(message).split())
    return message if len(message) <= MAX_MESSAGE else message[:MAX_MESSAGE - 1] + "…"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one clear line, no usage dump
        self.exit(2, f"virtlab: error: {_one_line(message)}\n")


def _preset_help() -> str:
    lines = ["presets:"]
    for kind, flag in (("hosts", "--host"), ("vm_profiles", "--vm-profile"),
                       ("container_profiles", "--container-profile"), ("runtimes", "--runtime"),
                       ("hypervisors", "--hypervisor")):
        lines.append(f"  {flag}:")
        lines += [f"    {name:<16} {TEXT['en'].get(f'{kind}.{name}', name)}" for name in P.names(kind)]
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    """The ``virtlab`` argument parser (``simulate``, ``sources``, ``probe`` and ``link`` sub-commands)."""
    parser = _Parser(prog="python -m virtlab_widgets",
                     description="Simulate VMs and containers on one host with the cited virtlab model.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    sim = sub.add_parser("simulate", help="memory, disk, start-up and capacity for N VMs and M containers",
                         description="Run the model once and print the parameters and the results.",
                         epilog=_preset_help(), formatter_class=argparse.RawDescriptionHelpFormatter)
    sim.add_argument("--vms", type=int, default=0, metavar="N", help="number of VMs (0..10000, default 0)")
    sim.add_argument("--containers", type=int, default=0, metavar="M",
                     help="number of containers (0..10000, default 0)")
    sim.add_argument("--host", default="laptop-16", metavar="PRESET", help="host preset (default laptop-16)")
    sim.add_argument("--vm-profile", default="ubuntu-server", metavar="P", help="guest preset (default ubuntu-server)")
    sim.add_argument("--container-profile", default="web-small", metavar="P",
                     help="containerised app preset (default web-small)")
    sim.add_argument("--runtime", default="runc", metavar="R", help="container runtime preset (default runc)")
    sim.add_argument("--hypervisor", default=None, metavar="H",
                     help="hypervisor overhead rule (default: the VM profile's own; microvm runs only on "
                          "firecracker, the Ubuntu profiles on kvm or esxi)")
    sim.add_argument("--page-sharing", type=float, default=0.0, metavar="F",
                     help="fraction of guest memory each VM after the first shares with the others "
                          f"(0..{model.page_sharing_levels()['max_reported']:.2f}, default 0 = vSphere's default, "
                          "no sharing between VMs; 0.15 = optimistic upper bound, Barker et al. 2012)")
    sim.add_argument("--host-ram", type=float, default=None, metavar="GIB",
                     help="override the host's RAM in GiB (> 0)")
    sim.add_argument("--host-cores", type=int, default=None, metavar="N", help="override the host's cores")
    sim.add_argument("--json", action="store_true", help="print parameters and results as JSON")
    sub.add_parser("sources", help="list every source the model's parameters cite")
    sub.add_parser("probe", help="what this machine is: OS, CPU, memory, disk, VT-x/AMD-V, VM or container (JSON)")
    link = sub.add_parser("link", help="print the nbgitpuller link that opens a notebook for a class on JupyterHub",
                          description="The link a lecturer shares with a class on a JupyterHub: each student "
                                      "logs in, gets the repository cloned (or updated) and the notebook opened.")
    link.add_argument("--hub", required=True, metavar="URL", help="the hub's address, e.g. https://hub.example.edu")
    link.add_argument("--repo", default="https://github.com/OWNER/virtlab", metavar="URL",
                      help="the repository to pull (default: the GitHub home, OWNER replaced by its account)")
    link.add_argument("--notebook", default="00", metavar="NN", help="notebook number 00..07 (default 00)")
    link.add_argument("--branch", default="main", metavar="NAME", help="git branch (default main)")
    link.add_argument("--edition", default="ko", metavar="LANG", help="ko (default) or en: the English edition")
    return parser


def _host(args: argparse.Namespace) -> P.Host:
    base = P.host(args.host)
    if args.host_ram is None and args.host_cores is None:
        return base
    ram = base.ram_mib / 1024 if args.host_ram is None else args.host_ram
    reserve = base.os_reserve_mib
    if args.host_ram is not None:  # the preset's own OS reserve, at most half of the new RAM
        reserve = min(reserve, P.check_number(ram, "host RAM (GiB)", P.MIN_HOST_RAM_GIB, 65536) * 1024 / 2)
    return P.custom_host(ram, base.cores if args.host_cores is None else args.host_cores,
                         base.disk_gib, base.disk_iops, reserve)


def _parameters(args: argparse.Namespace, host: P.Host) -> dict[str, Any]:
    vm, app, rt = P.vm_profile(args.vm_profile), P.container_profile(args.container_profile), P.runtime(args.runtime)
    hv = model.vm_hypervisor(vm, args.hypervisor)
    return {"host": {"preset": args.host, **vars(host)}, "vm_profile": vars(vm), "container_profile": vars(app),
            "runtime": vars(rt), "hypervisor": hv, "hypervisor_rule": P.hypervisor(hv).rule_of,
            "page_sharing": args.page_sharing}


def _ready(seconds: float, fit: bool, capacity: int) -> str:
    return f"{seconds:.3g} s" if fit else f"does not fit (at most {capacity})"


def _gib(mib: float) -> str:
    return f"{mib / 1024:.1f} GiB"


def _report(params: dict[str, Any], s: model.Scenario) -> str:
    h, vm, app, rt = params["host"], params["vm_profile"], params["container_profile"], params["runtime"]
    g = _gib
    memory = "fits" if s.fits_memory else (f"OVERCOMMITTED: {s.swapped_fraction:.0%} swapped out, "
                                           f"performance about {s.relative_performance:.0%} of normal")
    disk = "fits" if s.fits_disk else "DOES NOT FIT"
    return "\n".join([
        "parameters (sources: python -m virtlab_widgets sources)",
        f"  host        {h['preset']}: RAM {g(h['ram_mib'])}, {h['cores']} cores, disk {h['disk_gib']:g} GiB, "
        f"{h['disk_iops']:g} IOPS, host OS keeps {g(h['os_reserve_mib'])}",
        f"  VM          {vm['name']}: guest {vm['guest_mib']:g} MiB, {vm['vcpus']} vCPU, disk {vm['disk_gib']:g} GiB, "
        f"boot {vm['boot_s']:g} s, hypervisor {params['hypervisor']} "
        f"(overhead: {params['hypervisor_rule']})",
        f"  container   {app['name']}: app {app['app_mib']:g} MiB, image {app['image_mib']:g} MiB, "
        f"runtime {rt['name']} (+{rt['overhead_mib']:g} MiB, start {rt['start_s']:g} s)",
        f"  page sharing {params['page_sharing']:.0%}",
        f"results for {s.vms} VMs and {s.containers} containers",
        f"  memory      host OS {g(s.os_reserve_mib)} + VMs {g(s.vm_memory_mib)} + containers "
        f"{g(s.container_memory_mib)} = {g(s.total_memory_mib)} of {g(s.host_ram_mib)} "
        f"({s.memory_ratio:.0%}): {memory}",
        f"  disk        VMs {s.vm_disk_gib:.1f} GiB + containers {s.container_disk_gib * 1024:.0f} MiB "
        f"of {s.host_disk_gib:g} GiB: {disk}",
        f"  verdict     {'fits' if s.fits else 'does not fit'} (memory and disk)",
        f"  start-up    one VM {s.vm_boot_one_s:.3g} s, all {s.vms} VMs "
        f"{_ready(s.vm_ready_all_s, s.vms_fit, s.vm_capacity)}; one container "
        f"{s.container_start_one_s:.3g} s, all {s.containers} "
        f"{_ready(s.container_ready_all_s, s.containers_fit, s.container_capacity)}",
        f"  capacity    at most {s.vm_capacity} such VMs or {s.container_capacity} such containers fit this host "
        "(memory and disk)",
    ])


def _sources() -> str:
    return "\n".join(f"{key}: {src['citation']} [{src['kind']}]" for key, src in P.data()["sources"].items())


def _finite(value: object) -> object:
    """JSON-safe results: NaN and infinities (never expected) become null, not invalid JSON."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


def _json(params: dict[str, Any], s: model.Scenario) -> str:
    results = s.to_dict()
    if not s.vms_fit:  # past capacity there is no ready time, as in the text report
        results["vm_ready_all_s"] = None
    if not s.containers_fit:
        results["container_ready_all_s"] = None
    return json.dumps(_finite({"parameters": params, "results": results}), ensure_ascii=False, indent=2,
                      allow_nan=False)


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status (2 for bad input, 1 if the output cannot be written)."""
    try:
        return _main(argv)
    except BrokenPipeError:  # `... | head -1`: the reader left; say nothing more
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - so the interpreter's final flush is quiet
        except OSError:
            pass
        return 1
    except _OutputError as exc:  # e.g. a full disk behind a redirection
        print(f"virtlab: error: cannot write the output: {exc}", file=sys.stderr)
        return 1


class _OutputError(Exception):
    """Writing to standard output failed (not an error of the simulation itself)."""


def _emit(text: str) -> None:
    try:
        print(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise _OutputError(exc.strerror or str(exc)) from None


def _main(argv: list[str] | None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "sources":
        _emit(_sources())
        return 0
    if args.command == "probe":
        from .models.probe import probe

        _emit(json.dumps(probe().to_dict(), ensure_ascii=False, indent=2, allow_nan=False))
        return 0
    if args.command == "link":
        from .classroom import gitpuller_link

        try:
            link = gitpuller_link(args.hub, args.repo, args.notebook, args.branch, args.edition)
        except (ValueError, TypeError) as exc:
            print(f"virtlab: error: {_one_line(exc)}", file=sys.stderr)
            return 2
        _emit(link)
        return 0
    try:
        host = _host(args)
        scenario = model.simulate(args.vms, args.containers, host, args.vm_profile, args.container_profile,
                                  args.runtime, hypervisor=args.hypervisor, page_sharing=args.page_sharing)
        params = _parameters(args, host)
    except (ValueError, TypeError) as exc:
        print(f"virtlab: error: {_one_line(exc)}", file=sys.stderr)
        return 2
    _emit(_json(params, scenario) if args.json else _report(params, scenario))
    return 0
