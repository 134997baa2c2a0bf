"""Event stage: code predicates with actors to CAMEO/PLOVER, with modality and attribution."""
