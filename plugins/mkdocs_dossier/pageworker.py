"""The worker side of parallel.py: what a forked child does with its chunks of pages.

A child writes its pages with MkDocs' own `_build_page`, its log records captured (made
picklable) for the parent to replay, its indexer replaced by a stand-in (the parent
hands the pages to Pagefind, in order), and vl-convert refused (ParentOnly).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File
    from mkdocs.structure.nav import Navigation

    from .plugin import DossierPlugin


@dataclass
class Job:
    """What the workers need; set before the fork, read in the children."""

    build_page: Callable[..., None]
    files: list[File]  # the documentation pages, in MkDocs' order
    chunks: list[range]
    config: MkDocsConfig
    nav: Navigation
    env: jinja2.Environment
    plugin: DossierPlugin


@dataclass
class Report:
    """A chunk's outcome, sent back to the parent."""

    records: list[logging.LogRecord] = field(default_factory=list)
    # The pages whose HTML the indexer cannot read back from the site: not written
    # (empty) or not as given (unencodable characters); None: not handed to it at all.
    outputs: dict[int, str | None] = field(default_factory=dict)
    error: tuple[str, str] | None = None  # (page, message)
    parent: set[int] = field(default_factory=set)  # pages left to the parent (ParentOnly)


class ParentOnly(Exception):
    """Raised in a child by what only works in the parent: vl-convert's JavaScript
    engine runs in a thread of the parent, which a forked child does not have (a call
    would wait for it forever). The page is then written by the parent, in its turn."""


job: Job | None = None  # set by the parent just before the fork


class Recorder:
    """In a child, the indexer's stand-in: keeps the page last given to `add`."""

    def __init__(self) -> None:
        self.html: str | None = None

    def add(self, dest_uri: str, html: str) -> None:
        self.html = html


class Capture(logging.Handler):
    """In a child, every log record, made picklable, to be replayed in the parent."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []
        self.last: logging.LogRecord | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if record is self.last:  # reached through two loggers with handlers
            return
        self.last = record
        data = dict(record.__dict__, msg=record.getMessage(), args=None, exc_info=None)
        if record.exc_info and not record.exc_text:
            data["exc_text"] = logging.Formatter().formatException(record.exc_info)
        plain = (str, int, float, bool, type(None))
        self.records.append(
            logging.makeLogRecord({k: v for k, v in data.items() if isinstance(v, plain)})
        )


_capture = Capture()


def start() -> None:
    loggers = [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]
    for logger in loggers:
        if isinstance(logger, logging.Logger) and logger.handlers:
            for handler in list(logger.handlers):
                logger.removeHandler(handler)
            logger.addHandler(_capture)
    assert job is not None
    if job.plugin.indexer is not None:
        job.plugin.indexer = Recorder()  # type: ignore[assignment]
    try:
        import vl_convert
    except ImportError:
        return

    def parent_only(*args: object, **kwargs: object) -> str:
        raise ParentOnly

    for name in dir(vl_convert):
        if name.startswith(("vega", "svg")) and callable(getattr(vl_convert, name)):
            setattr(vl_convert, name, parent_only)


def write_chunk(number: int) -> Report:
    assert job is not None
    report = Report()
    recorder = job.plugin.indexer
    _capture.records = []
    for index in job.chunks[number]:
        file, mark = job.files[index], len(_capture.records)
        try:
            build(job, file)
        except ParentOnly:
            del _capture.records[mark:]  # "Error building page": not an error here
            report.parent.add(index)
            if isinstance(recorder, Recorder):
                recorder.html = None
            continue
        except Exception as error:
            report.error = (file.src_uri, f"{type(error).__name__}: {error}")
            break
        if isinstance(recorder, Recorder):
            html, recorder.html = recorder.html, None
            if html is None or not html.strip() or not _encodes(html):
                report.outputs[index] = html
    report.records = _capture.records
    return report


def build(job: Job, file: File) -> None:
    assert file.page is not None
    excluded = file.inclusion.is_excluded()
    job.build_page(file.page, job.config, job.files, job.nav, job.env, False, excluded)


def _encodes(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
