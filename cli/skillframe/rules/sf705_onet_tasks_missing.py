"""The O*NET tasks file holds no task of the framework's occupation, so none can be checked (warning).

With ``onet-tasks`` configured, anchors and citations that name O*NET tasks (``task 9450``) are
checked against that file (SF702, SF703). A file cut down to a few occupations may hold no task
of the framework's occupation; then a task it does not list may still be a real task of that
occupation, so those references are not reported one by one. This warning says so once, at
``occupation.onet_soc``, with how to add the occupation's tasks. A reference to a task that the
file lists under another occupation is still an error (SF702), and a framework that names no
O*NET task gets no warning.

Fails::

    occupation:
      title: Registered Nurses
      onet_soc: "29-1141.00"        # the tasks file holds only 33-3051.04
    anchors:
      - id: onet-task-1234
        source: onet
        locator: "task 1234"
        text: A task of the occupation, as O*NET words it.

Passes::

    occupation:
      title: Customs and Border Protection Officers
      onet_soc: "33-3051.04"        # the tasks file lists this occupation's tasks
"""

from __future__ import annotations

from collections.abc import Iterator

from skillframe.diagnostics import Finding, Severity
from skillframe.onet import known_occupations, missing_tasks_message
from skillframe.rules.base import Context, Rule
from skillframe.rules.sf701_onet_occupation import occupation_code
from skillframe.rules.sf702_onet_task import task_references


def check(ctx: Context) -> Iterator[Finding]:
    table = ctx.onet()
    soc = occupation_code(ctx)
    if table is None or soc is None or table.has_occupation(soc):
        return
    title = known_occupations(table).get(soc)
    if title is None:
        return  # not an occupation at all: SF701
    unchecked = {ref.task for ref in task_references(ctx) if table.get(ref.task) is None}
    if unchecked:
        count = len(unchecked)
        tasks = "1 O*NET task is" if count == 1 else f"{count} O*NET tasks are"
        yield Finding(
            ("occupation", "onet_soc"),
            f"{tasks} named but not checked: " + missing_tasks_message(table, soc, title),
        )


RULE = Rule(
    code="SF705",
    name="onet-tasks-missing",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
