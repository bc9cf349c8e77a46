"""Official documents in the Nghị định 30/2020/NĐ-CP layout (Word and PDF), certificates, Excel exports, the
register of document numbers and the background jobs that render in batches."""
