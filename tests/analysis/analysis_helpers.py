"""Hand-built events for mechanism tests that must not depend on the coder's recall."""

from __future__ import annotations

from dyads.analysis.rows import DocRow, EventRow, PlaceRow, QuantityRow


def ev(event_id: str, doc_id: str, source: str, target: str | None, cameo: str, date: str | None = "2026-02-02",
       modality: str = "asserted", evidence: str = "PEMEX paused a planned oil shipment to Cuba on Monday.",
       speaker: str | None = None, quantities: tuple[QuantityRow, ...] = (), place: PlaceRow | None = None) -> EventRow:
    return EventRow(event_id=event_id, doc_id=doc_id, date=date, date_precision="day" if date else None,
                    source=source, target=target, source_code=source, target_code=target, cameo=cameo, root=cameo[:2],
                    goldstein=-4.0 if cameo.startswith("16") else 1.0, quad_class=4 if cameo.startswith("16") else 1,
                    modality=modality, evidence=evidence, trigger="paused", speaker=speaker,
                    attribution_kind="quote" if speaker else "author", quantities=quantities,
                    source_actor_id=source, target_actor_id=target, place=place)


def doc(doc_id: str, outlet: str, date: str = "2026-02-02", text: str = "") -> DocRow:
    return DocRow(doc_id=doc_id, date=date, outlet=outlet, title=None, url=None, text=text or f"Text of {doc_id}.")
