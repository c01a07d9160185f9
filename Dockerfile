# argmap: a small image serving the app as a non-root user.
# SQLite by default (inside the container's var/); set DATABASE_URL for PostgreSQL.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /srv/argmap

RUN useradd --create-home --uid 10001 argmap
COPY pyproject.toml README.md ./
COPY app ./app
COPY templates ./templates
COPY static ./static
COPY data ./data
RUN pip install -e . && mkdir -p var && chown -R argmap:argmap var

USER argmap
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s \
  CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz').status == 200 else 1)"
CMD ["argmap", "serve", "--host", "0.0.0.0", "--port", "8000"]
