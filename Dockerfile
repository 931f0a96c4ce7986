# Two images from one build: `app` (the site, its worker and beat) and `proxy` (Caddy with the collected static
# files baked in, so the files it serves always belong to the code that names them). docker-compose.yml builds both.
# bookworm: its postgresql-client (15) matches compose's PostgreSQL, so `manage.py backup`'s pg_dump fits.
ARG PYTHON_VERSION=3.13
FROM python:${PYTHON_VERSION}-slim-bookworm AS app
ENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends gettext libpango-1.0-0 libpangoft2-1.0-0 postgresql-client \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install -e .
COPY . .
RUN python manage.py compilemessages --ignore=.venv --ignore=var -v 0 \
 && SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(50))')" ALLOWED_HOSTS=build DJANGO_SETTINGS_MODULE=nnr_site.settings.production \
    python manage.py collectstatic --noinput -v 0
# Not root: the site can write its uploads (the media and private volumes) and back-ups, nothing else.
RUN useradd --system --uid 10001 --home-dir /app nnr \
 && mkdir -p var/media var/private var/backups \
 && chown -R nnr var/media var/private var/backups
USER nnr
EXPOSE 8000
CMD ["gunicorn", "-c", "deploy/gunicorn.conf.py", "nnr_site.wsgi:application"]

FROM caddy:2 AS proxy
COPY deploy/Caddyfile /etc/caddy/Caddyfile
COPY --from=app /app/var/static /srv/static
