"""Reminders for work-group robots (企业微信/政务微信, 钉钉, 飞书): the library behind ``cgtask remind``.

The steps, in order: :func:`load_webhooks` (where robots come from), a :class:`Digest` filled from
the 督办 board, :func:`plan` (messages per robot, split to each platform's limit), then
:func:`render_dry_run` or :func:`send`, and :func:`summarize` for the person who ran it.
Standard library only: urllib for HTTP, hmac for signatures, tomllib for the local file.
"""

from cgtask.publish.robots.config import (
    DEFAULT_SECRET_VARS,
    DEFAULT_URL_VARS,
    SECRETS_FILE_NAME,
    RobotConfigError,
    load_webhooks,
)
from cgtask.publish.robots.delivery import DeliveryOptions, DeliveryResult, MessageOutcome, post
from cgtask.publish.robots.digest import Digest, ReminderItem, UnitReminder
from cgtask.publish.robots.messages import RobotMessage, build_messages
from cgtask.publish.robots.outbox import Outgoing, plan, render_dry_run, send, summarize
from cgtask.publish.robots.platforms import KINDS
from cgtask.publish.robots.webhook import Webhook, mask_url

__all__ = [
    "DEFAULT_SECRET_VARS",
    "DEFAULT_URL_VARS",
    "KINDS",
    "SECRETS_FILE_NAME",
    "DeliveryOptions",
    "DeliveryResult",
    "Digest",
    "MessageOutcome",
    "Outgoing",
    "ReminderItem",
    "RobotConfigError",
    "RobotMessage",
    "UnitReminder",
    "Webhook",
    "build_messages",
    "load_webhooks",
    "mask_url",
    "plan",
    "post",
    "render_dry_run",
    "send",
    "summarize",
]
