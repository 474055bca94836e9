"""Quiz options stay clickable where they are drawn, however long and at any width.

ipywidgets 8 gives each radio option a fixed-height label; a long option used to wrap over
the next one, so clicking its text picked another answer. For every option this checks, in
live JupyterLab at a laptop and a narrow width, that the element under the radio's centre and
under every line of its text is that option's own label (or the radio itself).
"""
from __future__ import annotations

import json

from labdriver import NotebookSession, code_notebook

LONG = ["SDN은 네트워크의 제어를 장비에서 분리해 소프트웨어 (컨트롤러)로 정의하고, NFV는 방화벽·로드밸런서 같은 "
        "네트워크 기능을 전용 장비 대신 범용 서버의 소프트웨어로 실행한다. " * 2,
        "짧은 보기", "두 줄쯤 되는 보기: " + "가상화 " * 20, "마지막 보기"]
CELLS = [
    "from virtlab_widgets import quiz\nquiz('01')",
    "from virtlab_widgets.apps.quiz import Question, Quiz\n"
    f"long = {json.dumps(LONG, ensure_ascii=False)}\n"
    "Quiz([Question('긴 보기', tuple(long), 2, '해설', tuple(f'피드백 {i}' for i in range(4)))])",
]
JS_HITS = r"""() => [...document.querySelectorAll('.virtlab-quiz .widget-radio-box input[type=radio]')].map(input => {
  const label = input.closest('label');
  input.scrollIntoView({block: 'center'});
  const own = el => el === input || (el && el.closest('label') === label);
  const r = input.getBoundingClientRect();
  const bad = own(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)) ? [] : ['radio'];
  const range = document.createRange();
  range.selectNodeContents(label);
  let line = 0;
  for (const rect of range.getClientRects()) {
    if (rect.width < 2 || rect.height < 2) continue;
    line += 1;
    if (!own(document.elementFromPoint(rect.left + Math.min(rect.width / 2, 20), rect.top + rect.height / 2)))
      bad.push('line ' + line);
  }
  return {text: label.textContent.slice(0, 20), lines: line, bad};
})"""


def test_every_quiz_option_is_clickable_where_it_is_drawn(browser, lab_server):
    name = lab_server.write_notebook("quiz_layout.ipynb", code_notebook(*CELLS))
    session = NotebookSession(browser, lab_server, name, viewport=(1366, 768))
    try:
        session.open()
        session.run_all()
        session.page.wait_for_function(
            "() => document.querySelectorAll('.virtlab-quiz .widget-radio-box input').length >= 24",
            timeout=60_000, polling=50)
        wrapped = {}
        for width, height in [(1366, 768), (700, 900)]:
            session.page.set_viewport_size({"width": width, "height": height})
            session.page.wait_for_timeout(300)  # let JupyterLab re-layout
            hits = session.page.evaluate(JS_HITS)
            assert len(hits) >= 24
            wrong = [h for h in hits if h["bad"]]
            assert not wrong, f"{width}px: options not clickable where drawn: {wrong}"
            wrapped[width] = max(h["lines"] for h in hits)
        assert wrapped[700] > wrapped[1366] > 2, wrapped  # the long option really wraps, more when narrow
        # A score appears only after the first check, and clicking an option's text selects it.
        quiz_box = session.page.locator(".virtlab-quiz").first
        assert "문제 정답" not in quiz_box.inner_text()
        quiz_box.locator(".widget-radio-box").nth(2).locator("label").nth(3).click(position={"x": 40, "y": 6})
        quiz_box.locator("button", has_text="정답 확인").nth(2).click()
        session.page.wait_for_function("() => document.querySelector('.virtlab-quiz').innerText.includes('문제 정답')",
                                       timeout=20_000, polling=50)
        assert "정답입니다" in quiz_box.inner_text()
    finally:
        session.close()
