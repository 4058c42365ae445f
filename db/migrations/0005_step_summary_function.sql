-- A plan version's steps without their doses and tablets: what lists (the triage list) need to place a
-- patient on their schedule. Immutable, so it can feed a stored generated column: computed once when a
-- version is written, instead of on every read of every patient's plan.
CREATE FUNCTION taper_step_summary(steps jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN (
  SELECT coalesce(
    jsonb_agg(jsonb_build_object('index', s->'index', 'startDate', s->'startDate', 'endDate', s->'endDate', 'days', s->'days', 'dailyMg', s->'dailyMg') ORDER BY o),
    '[]'::jsonb
  )
  FROM jsonb_array_elements(steps) WITH ORDINALITY AS e(s, o)
);
