//! Walking paths into the list of files to check (honours .gitignore, include/exclude globs).
