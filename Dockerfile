# Tori application image: web (gunicorn), Celery worker and beat share it.
FROM python:3.12-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=tori.settings.base

RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext libpq5 curl \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system tori && useradd --system --gid tori --home /app tori
WORKDIR /app

COPY requirements.lock pyproject.toml ./
RUN pip install -r requirements.lock

COPY . .
# Build-time steps need a throwaway key; the real one comes from the environment at run time.
RUN DJANGO_SECRET_KEY=build-only DJANGO_DEBUG=false python manage.py compilemessages --ignore=.venv -v0 \
    && DJANGO_SECRET_KEY=build-only DJANGO_DEBUG=false python manage.py collectstatic --noinput -v0 \
    && mkdir -p /app/var/media && chown -R tori:tori /app/var

USER tori
EXPOSE 8000
CMD ["gunicorn", "tori.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
