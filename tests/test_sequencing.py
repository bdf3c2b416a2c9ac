"""Per-user ordering: one user's updates one at a time and in order, other users meanwhile."""

from __future__ import annotations

import asyncio

from telegram import Update

from bot.telegram.sequencing import PerUserSequentialProcessor


def update_from(user_id: int, update_id: int) -> Update:
    return Update.de_json(
        {
            "update_id": update_id,
            "message": {
                "message_id": update_id,
                "date": 0,
                "chat": {"id": user_id, "type": "private"},
                "from": {"id": user_id, "is_bot": False, "first_name": "U"},
                "text": "hi",
            },
        },
        None,
    )


async def test_one_users_updates_run_one_at_a_time_in_arrival_order() -> None:
    processor = PerUserSequentialProcessor(workers=8)
    running: set[int] = set()
    order: list[int] = []

    async def handle(update_id: int) -> None:
        assert not running, "two updates of one user overlapped"
        running.add(update_id)
        await asyncio.sleep(0.01)
        order.append(update_id)
        running.discard(update_id)

    tasks = [
        asyncio.create_task(processor.process_update(update_from(1, n), handle(n)))
        for n in range(10)
    ]
    await asyncio.gather(*tasks)
    assert order == list(range(10))


async def test_a_busy_user_does_not_hold_up_another_user() -> None:
    processor = PerUserSequentialProcessor(workers=2)
    release = asyncio.Event()
    other_done = asyncio.Event()

    async def slow() -> None:
        await release.wait()

    async def quick() -> None:
        other_done.set()

    busy = [
        asyncio.create_task(processor.process_update(update_from(1, n), slow())) for n in range(20)
    ]
    other = asyncio.create_task(processor.process_update(update_from(2, 99), quick()))
    await asyncio.wait_for(other_done.wait(), 10)
    release.set()
    await asyncio.gather(*busy, other)


async def test_a_user_is_forgotten_once_their_updates_are_done() -> None:
    processor = PerUserSequentialProcessor(workers=2)

    async def nothing() -> None:
        return None

    await processor.process_update(update_from(3, 1), nothing())
    assert processor._turns == {}
