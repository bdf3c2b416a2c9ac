import logging
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import numpy as np
import pytest
from helpers.kbcopy import VALID_KB, copy_kb

from bot import prestart, startup
from bot.errors import KnowledgeBaseError
from bot.kb.cache import load_knowledge_base_cached
from bot.kb.knowledge import KnowledgeBase
from bot.kb.loader import check_knowledge_base, load_knowledge_base
from bot.search import index
from bot.search.index import ZoneIndex, build_index
from bot.search.indexcache import Encoding

SHIPPED_KB = Path(__file__).resolve().parents[1] / "knowledge"


def same_index(found: ZoneIndex, expected: ZoneIndex) -> None:
    """The same files, models, entry texts, vocabulary and postings, bit for bit."""
    assert found.kb.files == expected.kb.files
    assert found.kb.version == expected.kb.version
    a, b = found.encoding(), expected.encoding()
    assert a.question_texts == b.question_texts
    assert a.words == b.words
    assert a.lexicon == b.lexicon
    for name, array in b.postings.items():
        assert np.array_equal(a.postings[name], array), name


@pytest.fixture
def two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any base counts as large: a worker process reads the later zone files."""
    monkeypatch.setattr(prestart, "PARALLEL_FROM_BYTES", 1)


@pytest.mark.usefixtures("two_cores")
def test_a_large_base_is_indexed_on_two_cores_exactly_as_on_one(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    encodings = []

    def build(kb: KnowledgeBase, cache: Path | None, encoding: Encoding | None) -> ZoneIndex:
        encodings.append(encoding)
        return index.build_index(kb, cache, encoding)

    monkeypatch.setattr(startup, "build_index", build)
    with caplog.at_level(logging.WARNING, logger="bot.startup"):
        found = startup.load_index(SHIPPED_KB, None)
    assert caplog.text == ""  # the worker did its share
    assert len(encodings) == 1
    assert encodings[0] is not None  # and its encoding was used
    same_index(found, build_index(load_knowledge_base(SHIPPED_KB)))
    assert found.finder.tables == build_index(load_knowledge_base(SHIPPED_KB)).finder.tables


@pytest.mark.usefixtures("two_cores")
def test_a_broken_file_in_the_workers_share_is_reported_as_on_one_core(tmp_path: Path) -> None:
    kb_dir = copy_kb(tmp_path / "kb", "bad_date")  # taiyuan: the later of two zone files
    _kb, expected = check_knowledge_base(kb_dir)
    with pytest.raises(KnowledgeBaseError) as refused:
        startup.load_index(kb_dir, None)
    assert refused.value.problems == expected
    assert any(p.file == "zones/taiyuan-zhongbei.yaml" and p.line > 1 for p in expected)


@pytest.mark.usefixtures("two_cores")
def test_warnings_found_on_two_cores_are_those_of_one(tmp_path: Path) -> None:
    kb_dir = copy_kb(tmp_path / "kb")
    later = kb_dir / "zones" / "taiyuan-zhongbei.yaml"  # the worker's file
    text = later.read_text(encoding="utf-8")
    text = text.replace(", en: Taiyuan Zhongbei High-tech Zone}", "}")
    later.write_text(text.replace('location: {zh: 山西省太原市, en: "Taiyuan, Shanxi"}\n', ""))
    (kb_dir / "zones" / "misnamed.yml").write_text("id: misnamed\n", encoding="utf-8")
    expected = load_knowledge_base(kb_dir).warnings
    assert {p.file for p in expected} == {"zones/taiyuan-zhongbei.yaml", "zones/misnamed.yml"}
    assert startup.load_index(kb_dir, None).kb.warnings == expected


class KilledWorker:
    """A process pool whose worker dies at once."""

    def __init__(self, *_args: object, **_kwargs: object) -> None:
        pass

    def shutdown(self, **_kwargs: object) -> None:
        return None

    def submit(self, *_args: object) -> Future[object]:
        future: Future[object] = Future()
        future.set_exception(BrokenProcessPool("killed"))
        return future


class DiesWhenWeighing(KilledWorker):
    """A process pool whose worker prepares its files, then dies before weighing them."""

    def submit(self, *args: object) -> Future[object]:
        function, *rest = args
        if function is not startup.prepare_to_send:
            return super().submit(*args)
        future: Future[object] = Future()
        future.set_result(startup.prepare_to_send(*rest))
        return future


class DiesWhilePreparing(KilledWorker):
    """A process pool whose worker dies while this process prepares its own files."""

    def __init__(self, *_args: object, **_kwargs: object) -> None:
        self.calls = 0

    def submit(self, *args: object) -> Future[object]:
        self.calls += 1
        if self.calls > 1:  # as a real pool refuses work once its worker has died
            raise BrokenProcessPool("killed")
        return super().submit(*args)


@pytest.mark.usefixtures("two_cores")
@pytest.mark.parametrize(
    "pool",
    [KilledWorker, DiesWhenWeighing, DiesWhilePreparing],
    ids=["dies-at-once", "dies-before-weighing", "dies-while-this-process-prepares"],
)
def test_a_failed_worker_costs_only_its_work(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, pool: type
) -> None:
    monkeypatch.setattr(startup, "ProcessPoolExecutor", pool)
    with caplog.at_level(logging.WARNING, logger="bot.startup"):
        index = startup.load_index(SHIPPED_KB, None)
    same_index(index, build_index(load_knowledge_base(SHIPPED_KB)))
    assert "the start-up worker failed" in caplog.text


@pytest.mark.usefixtures("two_cores")
def test_where_no_worker_can_start_the_base_loads_in_one_process(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def no_semaphores(*_args: object, **_kwargs: object) -> None:
        raise OSError(38, "Function not implemented")

    monkeypatch.setattr(startup, "ProcessPoolExecutor", no_semaphores)
    with caplog.at_level(logging.WARNING, logger="bot.startup"):
        index = startup.load_index(SHIPPED_KB, None)
    same_index(index, build_index(load_knowledge_base(SHIPPED_KB)))
    assert "no start-up worker" in caplog.text


@pytest.mark.usefixtures("two_cores")
def test_where_no_temporary_folder_can_be_made_the_base_loads_in_one_process(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def no_folder(*_args: object, **_kwargs: object) -> None:
        raise FileNotFoundError("No usable temporary directory found")

    monkeypatch.setattr(startup.tempfile, "TemporaryDirectory", no_folder)
    with caplog.at_level(logging.WARNING, logger="bot.startup"):
        index = startup.load_index(SHIPPED_KB, None)
    same_index(index, build_index(load_knowledge_base(SHIPPED_KB)))
    assert "no start-up worker" in caplog.text


@pytest.mark.usefixtures("two_cores")
def test_the_caches_written_on_two_cores_serve_the_next_start(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    first = startup.load_index(SHIPPED_KB, cache)
    assert sorted(p.name.split("-")[0] for p in cache.iterdir()) == ["index", "knowledge"]
    same_index(startup.load_index(SHIPPED_KB, cache), first)


@pytest.mark.usefixtures("two_cores")
def test_the_knowledge_cache_written_on_two_cores_is_the_one_process_one(tmp_path: Path) -> None:
    two, one = tmp_path / "two", tmp_path / "one"
    startup.load_index(SHIPPED_KB, two)
    load_knowledge_base_cached(SHIPPED_KB, one)
    (written,) = two.glob("knowledge-*")
    assert written.read_bytes() == (one / written.name).read_bytes()


def test_a_small_base_is_read_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_worker(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a small base started a worker")

    monkeypatch.setattr(startup, "ProcessPoolExecutor", no_worker)
    same_index(startup.load_index(VALID_KB, None), build_index(load_knowledge_base(VALID_KB)))


@pytest.mark.usefixtures("two_cores")
def test_a_worker_started_before_the_imports_does_the_workers_share(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    worker = prestart.early_worker(SHIPPED_KB, None)
    assert worker is not None

    def no_second_worker(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a second worker was started")

    monkeypatch.setattr(startup, "ProcessPoolExecutor", no_second_worker)
    with caplog.at_level(logging.WARNING, logger="bot.startup"):
        found = startup.load_index(SHIPPED_KB, None, worker)
    assert caplog.text == ""
    same_index(found, build_index(load_knowledge_base(SHIPPED_KB)))


def test_no_early_worker_starts_for_a_small_base_or_beside_a_knowledge_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert prestart.early_worker(VALID_KB, None) is None  # a small base
    monkeypatch.setattr(prestart, "PARALLEL_FROM_BYTES", 1)
    (tmp_path / "knowledge-0123.cache").write_bytes(b"")
    assert prestart.early_worker(SHIPPED_KB, tmp_path) is None
    assert prestart.early_worker(tmp_path / "missing", None) is None


def test_an_early_worker_a_start_does_not_need_is_stopped() -> None:
    worker = ProcessPoolExecutor(max_workers=1)
    same_index(
        startup.load_index(VALID_KB, None, worker), build_index(load_knowledge_base(VALID_KB))
    )
    with pytest.raises(RuntimeError, match="shutdown"):
        worker.submit(print)


@pytest.mark.usefixtures("two_cores")
def test_a_command_starts_its_worker_from_the_folders_the_environment_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZONEBOT_KB_PATH", str(SHIPPED_KB))
    monkeypatch.delenv("ZONEBOT_INDEX_CACHE", raising=False)
    worker = prestart.early_worker_from_environment(None)
    assert worker is not None
    worker.shutdown(cancel_futures=True)
    (tmp_path / "knowledge-0123.cache").write_bytes(b"")
    monkeypatch.setenv("ZONEBOT_INDEX_CACHE", str(tmp_path))
    assert prestart.early_worker_from_environment(None) is None  # a restart reads the caches
    assert prestart.early_worker_from_environment(str(tmp_path / "missing")) is None
