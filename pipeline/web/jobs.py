"""Generation outside the request: a pool of worker processes, results recorded as they come.

An upload is acknowledged once its file is stored and its row committed (state `cho`); its
generation then runs in a worker process, so a heavy workbook never holds up a request or another
unit's generation. The result is recorded in one transaction. At start, uploads still waiting (the
server was stopped or killed meanwhile) are queued again: an acknowledged upload always ends up
with its documents or its problems.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from sqlalchemy import select

from ..vietnamese import names_one_unit
from .db import Account, Database, Document, Upload, utcnow
from .settings import LOCAL_LOGIN
from .generation import generate_upload, refused

log = logging.getLogger(__name__)


def another_units_workbook(agency: str, account_name: str) -> dict:
    """The warning on the page of a unit that uploaded a workbook of another unit (its documents are
    made: the account's name may be written otherwise than the workbook's)."""
    return {"sheet": "Thông tin", "cell": "", "message": f"sổ này là của {agency}, không phải của {account_name}",
            "hint": "kiểm tra đã chọn đúng tệp rồi tải lên sổ của đơn vị mình; tỉnh thấy sổ này ghi tên "
                    f"{agency}"}


class Generator:
    """Runs `generation.generate_upload` for uploads; `workers=0` runs it at once in the caller."""

    def __init__(self, database: Database, data_dir: str, workers: int, pdf: bool):
        self.database = database
        self.data_dir = str(data_dir)
        self.workers = workers
        self.pdf = pdf
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._alone: set[ProcessPoolExecutor] = set()
        self._rollups: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = _new_pool(self.workers)
            return self._pool

    def _submit(self, function, *args) -> tuple[ProcessPoolExecutor, Future]:
        pool = self._executor()
        try:
            return pool, pool.submit(function, *args)
        except BrokenProcessPool:  # a worker died since the pool's last generation
            self._discard(pool)
            pool = self._executor()
            return pool, pool.submit(function, *args)

    def _discard(self, pool: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is pool:
                self._pool = None

    def submit(self, upload_id: int, file_hash: str, year: int, period_key: str) -> None:
        args = (self.data_dir, file_hash, year, period_key, self.pdf)
        if self.workers <= 0:
            self.record(upload_id, generate_upload(*args))
            return
        pool, future = self._submit(generate_upload, *args)
        future.add_done_callback(lambda done: self._finished(upload_id, args, done, pool))

    def _submit_alone(self, upload_id: int, args: tuple) -> None:
        """The generation in a pool of its own: if its worker dies too, the workbook is the cause."""
        pool = _new_pool(1)
        with self._lock:
            self._alone.add(pool)

        def finished(done: Future) -> None:
            self._finished(upload_id, args, done, None)
            with self._lock:
                self._alone.discard(pool)
            pool.shutdown(wait=False)

        pool.submit(generate_upload, *args).add_done_callback(finished)

    def run(self, function, *args):
        """Another library call (a roll-up) in a worker of its own, never queued behind the uploads'
        generations (a hundred of them on the deadline day); its result, waited for."""
        if self.workers <= 0:
            return function(*args)
        with self._lock:
            if self._rollups is None:
                self._rollups = _new_pool(1)
            pool = self._rollups
        try:
            return pool.submit(function, *args).result()
        except BrokenProcessPool:
            with self._lock:
                if self._rollups is pool:
                    self._rollups = None
            raise

    def _finished(self, upload_id: int, args: tuple, future: Future, pool: ProcessPoolExecutor | None) -> None:
        """`pool`: the shared pool the generation ran in; None when it ran alone."""
        if future.cancelled():  # the server is stopping: the upload stays `cho`, made at the next start
            return
        try:
            outcome = future.result()
        except BrokenProcessPool:
            if pool is not None:
                # A worker died (out of memory on a hostile workbook?) and every generation queued in
                # the pool failed with it: each runs again alone, so only a workbook that kills its
                # own worker is refused.
                self._discard(pool)
                self._submit_alone(upload_id, args)
                return
            from pipeline.errors import UnexpectedFailure

            outcome = refused(UnexpectedFailure("tiến trình tạo văn bản bị dừng đột ngột khi xử lý sổ này",
                                                "kiểm tra sổ (kích thước, số dòng) rồi tải lên lại"))
        except Exception as exc:  # noqa: BLE001 - recorded as the upload's refusal
            from pipeline.errors import UnexpectedFailure

            outcome = refused(UnexpectedFailure.of(exc))
        try:
            self.record(upload_id, outcome)
        except Exception:  # noqa: BLE001 - stays `cho`, queued again at the next start
            log.exception("could not record upload %s", upload_id)

    def record(self, upload_id: int, outcome: dict) -> None:
        with self.database.session() as session:
            upload = session.get(Upload, upload_id)
            if upload is None or upload.state != "cho":
                return
            upload.state = outcome["state"]
            upload.problems_json = json.dumps(outcome.get("problems", []), ensure_ascii=False)
            warnings = outcome.get("warnings", [])
            account = session.get(Account, upload.account_id)
            if outcome["state"] == "xong" and account is not None and not account.is_province \
                    and account.login != LOCAL_LOGIN and not names_one_unit(outcome["agency"], account.name):
                warnings = [another_units_workbook(outcome["agency"], account.name), *warnings]
            upload.warnings_json = json.dumps(warnings, ensure_ascii=False)
            upload.agency = outcome.get("agency", "")
            upload.agency_key = outcome.get("agency_key", "")
            upload.content_digest = outcome.get("content", "")
            upload.completion = outcome.get("completion")
            upload.reported = outcome.get("reported", True)
            upload.finished_at = utcnow()
            for position, doc in enumerate(outcome.get("documents", [])):
                session.add(Document(upload_id=upload_id, position=position, name=doc["name"],
                                     docx_hash=doc["docx"], pdf_hash=doc["pdf"], check_text=doc["check_text"],
                                     check_ok=doc["check_ok"], preview_json=doc["preview"]))

    def resume_waiting(self) -> int:
        """Queue again every upload a stopped server left waiting; how many."""
        with self.database.session() as session:
            waiting = session.execute(select(Upload.id, Upload.file_hash, Upload.year, Upload.period_key)
                                      .where(Upload.state == "cho").order_by(Upload.id)).all()
        for row in waiting:
            self.submit(*row)
        return len(waiting)

    def shutdown(self) -> None:
        with self._lock:
            pools = [pool for pool in (self._pool, self._rollups, *self._alone) if pool is not None]
            self._pool = self._rollups = None
            self._alone.clear()
        for pool in pools:
            # Generations not yet started stay `cho` in the database and run at the next start.
            pool.shutdown(wait=True, cancel_futures=True)

def _new_pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(workers, mp_context=_start_method(), initializer=_end_with_server,
                               initargs=(os.getpid(),))


def _start_method():
    import multiprocessing

    # forkserver: workers do not inherit the server's listening socket or database connections.
    # Windows has only spawn, which does not either.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


SERVER_CHECK_SECONDS = 1.0


def _end_with_server(server_pid: int) -> None:
    """In each worker: exit once the server is gone. A killed server (SIGKILL, out of memory) never
    shuts its pool down, and an idle worker would wait on its queue for ever, the forkserver and
    resource tracker with it. What the worker was making is recorded by nobody; the next start
    queues that upload again."""
    if os.name == "posix":  # elsewhere os.kill(pid, 0) is no question but a kill
        threading.Thread(target=_watch_server, args=(server_pid,), daemon=True).start()


def _watch_server(server_pid: int) -> None:
    while True:
        time.sleep(SERVER_CHECK_SECONDS)
        try:
            os.kill(server_pid, 0)
        except ProcessLookupError:
            os._exit(0)
        except PermissionError:  # the number now belongs to another user's process
            os._exit(0)
