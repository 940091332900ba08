"""Analyses and knowledge-base imports that run in the background: an in-process job table
and one worker thread.

The web inbox hands the documents it stored to :meth:`Jobs.analyse` and shows the job's
progress, which the page polls; a knowledge-base import is a task given to
:meth:`Jobs.start`. Jobs live in the server process's memory (as the rate limits do): a restart
forgets them, and the documents they had not reached stay ``new``, to be analysed again from
their page (an import cut short stored nothing: send the file again). One worker is enough:
the analyser serialises analyses anyway.
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime

from faro._errors import FaroError, RecordNotFoundError
from faro.store import Actor

__all__ = ["Job", "Jobs"]

log = logging.getLogger("faro.server")

#: Finished jobs kept for their pages; past this, the oldest finished ones are forgotten.
_KEEP = 500


@dataclass
class Job:
    id: str
    org_id: int
    document_ids: list[int]
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    done: int = 0
    failed: int = 0
    errors: list[dict[str, object]] = field(default_factory=list)
    """``{"document_id", "code", "message"}`` of each document that failed."""
    finished: bool = False
    notes: list[str] = field(default_factory=list)
    """What the page says besides progress (records held already, records unreadable)."""
    kind: str = "analysis"
    """``analysis`` (of ``document_ids``) or ``import`` (of knowledge-base records)."""
    size: int | None = None
    """How many items a job that is not an analysis works through, once it knows."""
    report: dict[str, object] | None = None
    """What a job that is not an analysis did, once it is over (an import's counts and
    rejected rows)."""

    @property
    def total(self) -> int:
        return self.size if self.size is not None else len(self.document_ids)

    def public(self) -> dict[str, object]:
        return {"id": self.id, "kind": self.kind, "total": self.total, "done": self.done,
                "failed": self.failed, "finished": self.finished, "errors": self.errors,
                "document_ids": self.document_ids, "notes": self.notes, "report": self.report}


class Jobs:
    """The job table; ``work(org_id, document_id, actor)`` analyses one document."""

    def __init__(self, work: Callable[[int, int, Actor], object]) -> None:
        self._work = work
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="faro-analyse")

    def analyse(self, org_id: int, document_ids: Sequence[int], actor: Actor,
                notes: Sequence[str] = ()) -> Job:
        """A new job analysing ``document_ids`` (of ``org_id``) one after another."""
        job = Job(id=secrets.token_urlsafe(12), org_id=org_id, document_ids=list(document_ids),
                  notes=list(notes))
        with self._lock:
            self._prune()
            self._jobs[job.id] = job
        if not job.document_ids:
            job.finished = True
        else:
            self._executor.submit(self._run, job, actor)
        return job

    def start(self, org_id: int, kind: str, task: Callable[[Job], None],
              notes: Sequence[str] = ()) -> Job:
        """A new job of ``kind`` running ``task(job)`` in the background; the task sets the
        job's ``size``, advances ``done`` and leaves its ``report``. An error it raises is the
        job's one error, and the job counts as failed."""
        job = Job(id=secrets.token_urlsafe(12), org_id=org_id, document_ids=[], kind=kind,
                  notes=list(notes))
        with self._lock:
            self._prune()
            self._jobs[job.id] = job
        self._executor.submit(self._run_task, job, task)
        return job

    def get(self, org_id: int, job_id: str) -> Job:
        """The organisation's job; another organisation's looks like a missing one."""
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None or job.org_id != org_id:
            raise RecordNotFoundError(f"no job {job_id}")
        return job

    def wait(self, timeout: float = 60.0) -> None:
        """Wait until every job submitted so far has run (for tests and shutdown)."""
        self._executor.submit(lambda: None).result(timeout=timeout)

    def shutdown(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)

    def _run(self, job: Job, actor: Actor) -> None:
        for document_id in job.document_ids:
            try:
                self._work(job.org_id, document_id, actor)
            except FaroError as exc:
                job.failed += 1
                job.errors.append({"document_id": document_id, "code": exc.code,
                                   "message": exc.message})
            except Exception as exc:  # one bad document never stops the rest
                log.exception("[F800] analysing document %s failed", document_id, exc_info=exc)
                job.failed += 1
                job.errors.append({"document_id": document_id, "code": "F800",
                                   "message": "the analysis failed; the error is logged"})
            finally:
                job.done += 1
        job.finished = True

    @staticmethod
    def _run_task(job: Job, task: Callable[[Job], None]) -> None:
        try:
            task(job)
        except FaroError as exc:
            job.failed += 1
            job.errors.append({"code": exc.code, "message": exc.message})
        except Exception as exc:
            log.exception("[F800] the %s job %s failed", job.kind, job.id, exc_info=exc)
            job.failed += 1
            job.errors.append({"code": "F800", "message": f"the {job.kind} failed; the error "
                                                          f"is logged"})
        finally:
            job.finished = True

    def _prune(self) -> None:
        finished = sorted((j for j in self._jobs.values() if j.finished),
                          key=lambda j: j.created_at)
        for job in finished[:max(0, len(self._jobs) - _KEEP)]:
            del self._jobs[job.id]
