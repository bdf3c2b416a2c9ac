"""Leads as operators read them: CSV that is safe to open in a spreadsheet, or plain text."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from bot.privacy import neutralise_csv_cell
from bot.records import Lead

CSV_COLUMNS = (
    "id",
    "created_at",
    "user_id",
    "language",
    "company",
    "industry",
    "investment",
    "zones",
    "contact_method",
    "contact_value",
    "notified",
)


def notice_summary(lead: Lead) -> str:
    """Say how many admins got the lead's notice, and the last error of one still pending."""
    sent = sum(1 for n in lead.notifications if n.status == "sent")
    summary = f"{sent}/{len(lead.notifications)}"
    errors = [n.last_error for n in lead.notifications if n.status == "pending" and n.last_error]
    return f"{summary} (last error: {errors[-1]})" if errors else summary


def _cells(lead: Lead) -> list[str]:
    """Return a lead's values in CSV_COLUMNS order, as text."""
    return [
        str(lead.id),
        lead.created_at.isoformat(timespec="seconds"),
        str(lead.user_id),
        lead.language,
        lead.company,
        lead.industry,
        lead.investment,
        " ".join(lead.zones),
        lead.contact_method,
        lead.contact_value,
        notice_summary(lead),
    ]


def leads_csv(leads: Sequence[Lead]) -> str:
    """Write leads as CSV with a header; cells a spreadsheet would run as formulas are defused."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    writer.writerows([neutralise_csv_cell(cell) for cell in _cells(lead)] for lead in leads)
    return out.getvalue()


def format_leads(leads: Sequence[Lead]) -> str:
    """Write leads as plain text, one block per lead, newest first as given."""
    if not leads:
        return "No leads in this period."
    blocks = []
    for lead in leads:
        blocks.append(
            "\n".join(
                [
                    f"#{lead.id}  {lead.created_at:%Y-%m-%d %H:%M} UTC  user {lead.user_id}  "
                    f"[{lead.language}]  notified {notice_summary(lead)}",
                    f"    company:    {lead.company}",
                    f"    industry:   {lead.industry}",
                    f"    investment: {lead.investment}",
                    f"    zones:      {', '.join(lead.zones)}",
                    f"    contact:    {lead.contact_method} {lead.contact_value}",
                ]
            )
        )
    return "\n\n".join(blocks)
