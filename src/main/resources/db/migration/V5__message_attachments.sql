-- What a customer's message carried (media types and the platform's URLs, JSON), so the people answering a handed-over
-- conversation can open it through the agent API. Story media is never stored.
alter table conversation_message add column attachments text;
