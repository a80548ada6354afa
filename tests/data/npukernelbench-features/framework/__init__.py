# Stand-in for the benchmark's helper package, written for the importer tests.
