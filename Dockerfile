# The production image: web (gunicorn), Celery worker and beat all run from it.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_COMPILE_BYTECODE=1 \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/app/.venv \
    PATH=/app/.venv/bin:$PATH

# Funder briefs are printed to PDF by Chromium (briefs/pdf.py, PDF_CHROMIUM_PATH); Noto Sans
# Hebrew and Arabic set them, with DejaVu as the fallback (docs/briefs.md).
RUN apt-get update \
    && apt-get install --no-install-recommends -y chromium fonts-noto-core fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir "uv==0.13.9"
WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-default-groups
COPY . .
# Compressed, hashed static files (the vendored plotly.js and htmx included) are built into the image; collectstatic
# runs on the base settings because the production secrets are not there at build time.
RUN DEBUG=False python manage.py collectstatic --noinput

RUN useradd --system --home /app yachad && mkdir -p /app/var && chown yachad /app/var
USER yachad
EXPOSE 8000
# --timeout 60: the longest request is an API batch of 200,000 rows, about 15 s on a loaded
# machine (docs/benchmarks.md, import); a worker silent for four times that is stuck.
# --graceful-timeout 25: requests in flight finish after SIGTERM, within the 30 s that
# docker-compose.yml's stop_grace_period gives web (docs/operations.md).
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--timeout", "60", "--graceful-timeout", "25", "--access-logfile", "-"]
