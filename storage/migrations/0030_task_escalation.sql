-- A task addressed to another service that passes its due day is escalated once to the case's young
-- carers service (issue 21 item 1: services/task_escalation.h): the day it was, so it is told once.
ALTER TABLE case_tasks ADD COLUMN escalated_on TEXT;
CREATE INDEX case_tasks_to_escalate ON case_tasks(due) WHERE escalated_on IS NULL AND status IN ('open', 'accepted');
