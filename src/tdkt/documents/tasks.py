"""Background tasks (django-tasks): ids in, one service call (STYLE.md habit 9)."""

from __future__ import annotations

from django_tasks import task

from tdkt.documents import services


@task()
def render_job(job_id: int) -> None:
    """Render a queued document job; the job row records progress, the file or the failure."""
    services.run_job(job_id)
