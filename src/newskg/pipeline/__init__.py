"""The course of a build: the first pass (articles parsed, here or in workers, long ones in sections, their
facts cached), the second pass (article graphs made and checked a batch at a time, on disk when large), and
the output staged and installed together. `run.build` is the entry point."""
