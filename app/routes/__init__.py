"""One router per page family; each HTML route and its /api twin call the same builder."""
