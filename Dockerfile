# ZoneBot: one process answering Telegram, by long polling or (with ZONEBOT_WEBHOOK_URL) a webhook.
# Build: docker build -t zonebot .   Run: see docs/container.md.

FROM python:3.11-slim AS build
WORKDIR /src
# The locked dependencies first, in a layer of their own: a code change does not reinstall them.
COPY requirements.lock ./
RUN pip install --no-cache-dir --prefix=/install --require-hashes -r requirements.lock
COPY pyproject.toml README.md ./
COPY bot ./bot
RUN pip install --no-cache-dir --prefix=/install --no-deps .

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    ZONEBOT_KB_PATH=/app/knowledge \
    ZONEBOT_DATABASE_URL=sqlite:////data/zonebot.db \
    ZONEBOT_INDEX_CACHE=/data/index-cache \
    ZONEBOT_LISTEN_HOST=0.0.0.0 \
    ZONEBOT_PORT=8080 \
    ZONEBOT_HEALTH_SERVER=true
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin zonebot \
    && mkdir -p /data \
    && chown zonebot:zonebot /data
COPY --from=build /install /usr/local
# The knowledge base is baked in; mount a folder over /app/knowledge to serve another one.
COPY knowledge /app/knowledge
WORKDIR /app
USER zonebot
VOLUME ["/data"]
EXPOSE 8080
# Asks the running bot's /healthz (healthy while Telegram answers); imports only the stdlib.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["python", "-m", "bot.telegram.healthprobe"]
CMD ["zonebot", "run"]
