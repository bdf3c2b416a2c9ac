"""The Telegram front end: application, runner, webhook, sending and the handlers."""
