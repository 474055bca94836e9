"""Figures fill their container and keep their text apart, normally and with present().

The browser suite checks what Chromium draws; these tests check the geometry the figures
are built with, at the narrowest width they are laid out for (``narrow_width``).
"""
from __future__ import annotations

from contextlib import contextmanager

import plotly.graph_objects as go
import plotly.io as pio
import pytest

from virtlab_widgets import carve_host, multiboot_vs_vm, recovery, scale_up_out, style
from virtlab_widgets.figures import availability as AV
from virtlab_widgets.figures import carving as CV
from virtlab_widgets.figures import multiboot as MB
from virtlab_widgets.figures import stack as ST
from virtlab_widgets.figures import timeline as TL
from virtlab_widgets.figures.common import (
    LINE_HEIGHT,
    fit_layout,
    legend_rows,
    narrow_width,
    text_lines,
    text_width,
    trace,
    wrap_label,
)
from virtlab_widgets.jupyter.figurewidget import loader_esm
from virtlab_widgets.style import em, font_size


@contextmanager
def presenting(on: bool):
    style.present(on)
    try:
        yield
    finally:
        style.present(False)


MODES = [pytest.param(False, id="normal"), pytest.param(True, id="present")]


# --- shared helpers -----------------------------------------------------------------------------
def test_text_width_is_calibrated_on_the_wide_side():
    # Chromium, DejaVu Sans + Noto Sans CJK (the fallback fonts): Hangul 0.92 em, digits 0.636 em,
    # lower case 0.563 em, bold digits 0.696 em
    assert text_width("가상머신하이퍼바이저", 100) >= 10 * 92
    assert text_width("0123456789", 100) >= 10 * 63.6
    assert text_width("abcdefghijklmnopqrstuvwxyz", 100) >= 26 * 56.3
    assert text_width("<b>0123456789</b>", 100) >= 10 * 69.6
    assert text_width("ab<br>가나다라", 10) == text_width("가나다라", 10)  # the longest line
    assert text_lines("<b>a</b><br>b &amp; c") == ["a", "b & c"]
    with pytest.raises(ValueError):
        text_width("x", 0)
    with pytest.raises(ValueError):
        text_width("x", True)


def test_wrap_label_keeps_lines_within_the_limit():
    text = "VM을 다른 호스트에서 재시작"
    wrapped = wrap_label(text, 100, 13)
    assert " ".join(text_lines(wrapped)) == text and "<br>" in wrapped
    assert all(text_width(line, 13) <= 100 for line in text_lines(wrapped))
    assert wrap_label("짧음", 100, 13) == "짧음"


def test_base_layout_has_no_width_and_scales_with_the_font():
    layout = style.base_layout(height=400)
    assert "width" not in layout and layout["height"] == 400
    normal = layout["margin"]
    with presenting(True):
        big = style.base_layout(height=400)
    assert all(big["margin"][k] > normal[k] for k in "lrtb")
    assert big["template"].layout.yaxis.ticklabelstandoff > layout["template"].layout.yaxis.ticklabelstandoff
    assert pio.templates["plotly_white"].layout.yaxis.ticklabelstandoff is None  # the shared template untouched


def test_present_takes_a_bool():
    with pytest.raises(TypeError):
        style.present("yes")
    with presenting(True):
        assert font_size() == style.PRESENT_FONT and style.growth() > 1.2
    assert font_size() == style.BASE_FONT and style.growth() == 1


def _figure_with_legend() -> go.Figure:
    fig = go.Figure([go.Scatter(name=f"항목 {i} 이름이 긴 범례", y=[1, 2]) for i in range(5)])
    fig.update_layout(**style.base_layout(title="제목"))
    fig.update_xaxes(title_text="x 축")
    return fig


@pytest.mark.parametrize("on", MODES)
def test_fit_layout_stacks_title_axis_and_legend_by_the_font(on):
    with presenting(on):
        fig = fit_layout(_figure_with_legend(), 200)
        fs, plot = font_size(), round(200 * style.growth())
        m = fig.layout.margin
        assert fig.layout.height == plot + m.t + m.b
        assert m.t >= 1.25 * fs * LINE_HEIGHT + em(0.7)              # the title fits above the plot
        legend_top = -fig.layout.legend.y * plot                    # px below the plot
        assert legend_top >= 2 * LINE_HEIGHT * fs + em(1.2)          # below tick labels and axis title
        rows = legend_rows([tr.name for tr in fig.data])
        assert rows >= 2 and m.b >= legend_top + rows * 1.5 * fs      # every legend row inside the figure
    with pytest.raises(ValueError):
        fit_layout(go.Figure(), 0)


def test_presenter_figures_are_taller():
    normal = carve_host().figure.layout.height
    with presenting(True):
        big = carve_host().figure.layout.height
    assert big > 1.25 * normal


def test_figure_widget_follows_its_container():
    esm = loader_esm()
    assert "ResizeObserver" in esm and "Plots.resize" in esm
    assert carve_host().figure.layout.width is None


# --- per figure: the defects of issue 10 ------------------------------------------------------------
@pytest.mark.parametrize("on", MODES)
def test_carving_flags_fit_right_of_their_bars(on):
    with presenting(on):
        c = carve_host(vms=32, vcpus=32, vm_ram_gib=256, vm_disk_gib=1000).carving
        end = CV.x_end(c)
        plot_px = narrow_width() - max(text_width(n) for n in CV.categories(c)) - em(3)
        for i, x in enumerate(CV._label_x(c)):
            label = CV.bar_label(c, i)
            assert "<br>" in label or "⚠" not in label           # "1.60× ⚠ 과할당" / "시분할로 나눠 씀"
            assert (end - x) / end * plot_px >= text_width(label, font_size() + 1), (i, label)
        assert trace(carve_host().figure, CV.RATIO).cliponaxis is False


@pytest.mark.parametrize("on", MODES)
def test_availability_column_and_nines_labels_stay_clear(on):
    with presenting(on):
        app = recovery(failures_per_year=12, lead_time_h=240, reinstall_h=48, instances=200)
        fig = app.figure
        column = trace(fig, AV.AVAILABILITY)
        assert all("%" in s and "nines" in s for s in column.text)
        assert all("%" not in s for s in trace(fig, AV.DOWNTIME).text)          # bars carry times only
        assert fig.layout.margin.r >= max(text_width(s) for s in column.text)  # the column fits
        longest = max(x["downtime"] for x in app.result().values())
        assert fig.layout.xaxis2.range[1] >= AV.np.log10(longest)              # no bar runs off its axis
        assert all(s.layer == "below" for s in fig.layout.shapes)              # lines behind the bars
        low = fig.layout.yaxis.range[0]                                         # reversed: bottom first
        assert low - (len(AV.STRATEGIES) - 0.5) > 0.3                           # band for "N nines"


@pytest.mark.parametrize("on", MODES)
@pytest.mark.parametrize("arch", ST.ARCHS)
def test_stack_labels_fit(arch, on):
    with presenting(on):
        layer = ST.layers(arch)[-2]
        fig = ST.stack_figure(arch, layer)
        px = ST._units_to_px()
        room = (fig.layout.xaxis.range[1] - trace(fig, ST.HERE).x[0]) * px
        assert room >= text_width(trace(fig, ST.HERE).text[0], font_size() + 2)
        items, _ = ST.boxes(arch)
        for box, text in zip(items, trace(fig, ST.LABELS).text):
            assert text_width(text, font_size() + 1) <= (box.x1 - box.x0) * px, text
        level_px = (fig.layout.height - fig.layout.margin.t - fig.layout.margin.b) / (
            fig.layout.yaxis.range[1] - fig.layout.yaxis.range[0])
        assert level_px >= 2 * LINE_HEIGHT * (font_size() + 1)  # two lines of label per layer


@pytest.mark.parametrize("on", MODES)
def test_multiboot_row_names_sit_above_their_bars_not_beside_the_left_chart(on):
    with presenting(on):
        fig = multiboot_vs_vm(switches=6, host="laptop-8").figure
        assert fig.layout.yaxis2.showticklabels is False
        names = [a for a in fig.layout.annotations if a.yref == "y2"]
        assert [" ".join(text_lines(a.text)) for a in names] == MB._rows()
        for i, a in enumerate(names):
            assert a.yanchor == "bottom" and a.y <= i - MB.BAR / 2 and a.xref == "x2 domain" and a.x == 0
        assert fig.layout.xaxis.domain[1] < fig.layout.xaxis2.domain[0] < fig.layout.xaxis.domain[1] + 0.1
        ram = fig.layout.shapes[0].x0
        room = (fig.layout.xaxis2.range[1] - ram) / fig.layout.xaxis2.range[1] * MB._panel_px()
        assert room >= LINE_HEIGHT * font_size()   # the rotated "호스트 RAM" label right of its line


def test_scaling_cost_axis_is_its_own_and_on_the_outside():
    fig = scale_up_out().figure
    assert fig.layout.yaxis2.side == "right"
    title = " ".join(text_lines(fig.layout.yaxis2.title.text))
    assert "인력" not in title and "예시" in title


def _label_boxes(fig: go.Figure) -> list[tuple[float, float, float, float, str]]:
    """(left, right, bottom, top) px of every timeline label at the narrowest width."""
    x0, x1 = fig.layout.xaxis.range
    lanes = max(text_width(t) for t in fig.layout.yaxis.ticktext)
    px_per_year = (narrow_width() - lanes - em(3)) / (x1 - x0)
    half = LINE_HEIGHT * font_size() / 2
    out = []
    for kind in TL.LANES:
        tr = trace(fig, TL.label_trace(kind))
        for x, y, text, pos in zip(tr.x, tr.y, tr.text, tr.textposition):
            w, cx = text_width(text), (x - x0) * px_per_year
            left = {"middle center": cx - w / 2, "middle right": cx, "middle left": cx - w}[pos]
            out.append((left, left + w, y - half, y + half, text))
    return out


@pytest.mark.parametrize("on", MODES)
@pytest.mark.parametrize("section", [4, 6])
def test_timeline_labels_never_overlap(section, on):
    with presenting(on):
        fig = TL.timeline_figure(section)
        boxes = _label_boxes(fig)
        assert len(boxes) >= 6
        for i, a in enumerate(boxes):
            assert a[0] >= -1 and a[1] <= narrow_width()  # inside the figure
            for b in boxes[i + 1:]:
                apart = a[1] <= b[0] or b[1] <= a[0] or a[3] <= b[2] or b[3] <= a[2]
                assert apart, (a[4], b[4])
        radius = (style.marker_size() + 6) / 2
        lanes = list(fig.layout.yaxis.tickvals)
        for a in boxes:  # no label on another lane's markers
            assert all(a[3] <= y - radius or a[2] >= y + radius for y in lanes), a[4]


def test_timeline_old_collisions_are_gone():
    four = TL.timeline_figure(4)
    containers = trace(four, TL.label_trace("container"))
    rows = {text: y for text, y in zip(containers.text, containers.y)}
    assert rows["<b>2000 FreeBSD Jail</b>"] != rows["<b>2013 Docker 공개</b>"]
