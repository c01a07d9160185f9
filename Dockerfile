# argmap: a small image serving the app as a non-root user.
# SQLite by default (in the container's var/, a volume); set DATABASE_URL for PostgreSQL.
# Build stage: the dependencies in a virtual environment, without compilers in the final image.
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /srv/argmap
RUN python -m venv /opt/venv
COPY pyproject.toml README.md ./
COPY app ./app
COPY templates ./templates
COPY static ./static
COPY data ./data
COPY docs ./docs
# A regular install: templates/, static/, data/ and docs/ go into the package as package data,
# so the final image needs nothing but the virtual environment.
RUN /opt/venv/bin/pip install .

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PATH=/opt/venv/bin:$PATH
WORKDIR /srv/argmap
RUN useradd --create-home --uid 10001 argmap
COPY --from=build /opt/venv /opt/venv
# The SQLite database: var/argmap.db under the working directory (set DATABASE_URL for PostgreSQL).
RUN mkdir -p var && chown argmap:argmap var
VOLUME /srv/argmap/var

USER argmap
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2).status == 200 else 1)"]
# One line per request on standard output (combined log format); errors on standard error.
CMD ["argmap", "serve", "--host", "0.0.0.0", "--port", "8000"]
