#pragma once

#include <cstddef>
#include <cstdint>

// The libFuzzer entry point, defined in fuzz_signature.cpp. The fuzz_signature target links it with libFuzzer's
// main(); tst_fuzzcorpus links it with replay_main.cpp, which feeds it every file of tests/fuzz/corpus/.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);
