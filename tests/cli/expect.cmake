# Runs one `ascendgen` command line and checks its exit status and output:
#   cmake -DCOMMAND="exe;arg;..." -DEXIT=0 -DMATCH=regex -P expect.cmake
# EXIT "nonzero" accepts any failing status. Output is stdout and stderr together.
execute_process(COMMAND ${COMMAND} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(EXIT STREQUAL "nonzero")
  if(status EQUAL 0)
    message(FATAL_ERROR "expected a failing exit status, got 0; output:\n${out}")
  endif()
elseif(NOT status EQUAL EXIT)
  message(FATAL_ERROR "expected exit status ${EXIT}, got ${status}; output:\n${out}")
endif()
if(NOT out MATCHES "${MATCH}")
  message(FATAL_ERROR "output does not match '${MATCH}':\n${out}")
endif()
