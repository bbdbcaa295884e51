-- An erasure keeps no trace of whom it concerned: an unsalted hash of a phone number or scoped id leads back to it.
alter table data_deletion drop column subject_hash;
