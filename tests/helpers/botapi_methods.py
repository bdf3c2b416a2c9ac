"""The Bot API methods the stand-in serves, with Telegram's refusals."""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from typing import Any

from helpers.botapi_rules import ApiError, bad_request, check_markup, checked_text

BOT_ID = 123456789
BOT_USERNAME = "zonebot_test_bot"
BOT_USER = {"id": BOT_ID, "is_bot": True, "first_name": "ZoneBot", "username": BOT_USERNAME}


class BotApiMethods:
    """getMe, getUpdates, sendMessage...: each takes the decoded parameters, returns a result."""

    webhook: dict[str, Any] | None
    commands: dict[str, list[dict[str, Any]]]
    _updates: list[dict[str, Any]]
    _changed: asyncio.Condition
    _messages: dict[tuple[int, int], dict[str, Any]]
    _chats: dict[int, dict[str, Any]]
    _open_queries: set[str]

    def _next_message_id(self, chat_id: int) -> int:
        raise NotImplementedError

    async def _api_getMe(self, params: dict[str, Any]) -> Any:
        return {
            **BOT_USER,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
        }

    async def _api_getUpdates(self, params: dict[str, Any]) -> Any:
        if self.webhook is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = int(params.get("offset") or 0)
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        deadline = time.monotonic() + float(params.get("timeout") or 0)
        async with self._changed:
            while not self._updates and time.monotonic() < deadline:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._changed.wait(), deadline - time.monotonic())
        return self._updates[: int(params.get("limit") or 100)]

    async def _api_setWebhook(self, params: dict[str, Any]) -> Any:
        url = params.get("url", "")
        if not url:
            self.webhook = None
            return True
        secret = params.get("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret):
            raise bad_request("secret token contains unallowed characters")
        self.webhook = {
            "url": url,
            "secret_token": secret,
            "allowed_updates": params.get("allowed_updates"),
        }
        return True

    async def _api_deleteWebhook(self, params: dict[str, Any]) -> Any:
        self.webhook = None
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    async def _api_getWebhookInfo(self, params: dict[str, Any]) -> Any:
        return {
            "url": (self.webhook or {}).get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }

    async def _api_setMyCommands(self, params: dict[str, Any]) -> Any:
        commands = params.get("commands") or []
        for command in commands:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", command.get("command", "")):
                raise bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(command.get("description", "")) <= 256:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        self.commands[params.get("language_code") or ""] = commands
        return True

    async def _api_sendMessage(self, params: dict[str, Any]) -> Any:
        chat = self._chats.get(params.get("chat_id"))
        if chat is None:
            raise bad_request("chat not found")
        plain = checked_text(params)
        check_markup(params.get("reply_markup"))
        message = {
            "message_id": self._next_message_id(chat["id"]),
            "date": int(time.time()),
            "chat": chat,
            "from": BOT_USER,
            "text": plain,
        }
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        self._messages[(chat["id"], message["message_id"])] = message
        return message

    async def _api_editMessageText(self, params: dict[str, Any]) -> Any:
        message = self._messages.get((params.get("chat_id"), params.get("message_id")))
        if message is None:
            raise bad_request("message to edit not found")
        plain = checked_text(params)
        markup = params.get("reply_markup")
        check_markup(markup)
        if plain == message["text"] and markup == message.get("reply_markup"):
            raise bad_request(
                "message is not modified: specified new message content and reply "
                "markup are exactly the same as a current content and reply markup "
                "of the message"
            )
        message.update(text=plain, reply_markup=markup, edit_date=int(time.time()))
        return message

    async def _api_editMessageReplyMarkup(self, params: dict[str, Any]) -> Any:
        message = self._messages.get((params.get("chat_id"), params.get("message_id")))
        if message is None:
            raise bad_request("message to edit not found")
        markup = params.get("reply_markup")
        check_markup(markup)
        if markup == message.get("reply_markup"):
            raise bad_request("message is not modified")
        message["reply_markup"] = markup
        return message

    async def _api_answerCallbackQuery(self, params: dict[str, Any]) -> Any:
        self._close_query(params.get("callback_query_id"))
        if len(params.get("text") or "") > 200:
            raise bad_request("MESSAGE_TOO_LONG")
        return True

    async def _api_answerInlineQuery(self, params: dict[str, Any]) -> Any:
        self._close_query(params.get("inline_query_id"))
        results = params.get("results") or []
        if len(results) > 50:
            raise bad_request("RESULTS_TOO_MUCH")
        if len({r.get("id") for r in results}) != len(results):
            raise bad_request("RESULT_ID_DUPLICATE")
        for result in results:
            if not 1 <= len(str(result.get("id", "")).encode()) <= 64:
                raise bad_request("RESULT_ID_INVALID")
            if not result.get("title"):
                raise bad_request("RESULT_TITLE_EMPTY")
            checked_text(result.get("input_message_content") or {}, "message_text")
            check_markup(result.get("reply_markup"))
        return True

    async def _api_setChatMenuButton(self, params: dict[str, Any]) -> Any:
        return True

    async def _api_sendChatAction(self, params: dict[str, Any]) -> Any:
        return True

    def _close_query(self, query_id: Any) -> None:
        if query_id not in self._open_queries:
            raise bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        self._open_queries.discard(query_id)
