FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update && apt-get install -y --no-install-recommends gettext libpango-1.0-0 libpangoft2-1.0-0 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install -e .
COPY . .
RUN python manage.py compilemessages -v 0 \
 && SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(50))')" ALLOWED_HOSTS=build DJANGO_SETTINGS_MODULE=nnr_site.settings.production \
    python manage.py collectstatic --noinput -v 0
EXPOSE 8000
CMD ["gunicorn", "nnr_site.wsgi:application", "--bind", "0.0.0.0:8000"]
