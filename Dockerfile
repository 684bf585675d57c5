# One image for web, worker and beat (docker-compose.yml picks the command).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    STATIC_ROOT=/app/staticfiles

WORKDIR /app
RUN useradd --create-home --uid 1000 app
# The production lock: every package pinned with its hashes, no embedded database (DATABASE_URL
# names the PostgreSQL server) and no test tools.
COPY requirements.txt .
RUN pip install --require-hashes -r requirements.txt
COPY . .
# collectstatic needs settings that load; these values exist only for the build step.
RUN SECRET_KEY=build ALLOWED_HOSTS=build DATABASE_URL=postgresql://build/build \
    python manage.py collectstatic --noinput
USER app
EXPOSE 8000
CMD ["gunicorn", "claims_tracker.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
