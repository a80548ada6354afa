# Installs the ascendgen build into a scratch prefix, then configures, builds and runs the consumer
# project against that install only.
# cmake -DBUILD_DIR=<ascendgen build> -DWORK_DIR=<scratch> -DGENERATOR=<gen> -DCXX=<compiler> -P <this>
foreach(var BUILD_DIR WORK_DIR GENERATOR CXX)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run_consumer_test.cmake: -D${var}= is required")
  endif()
endforeach()

function(run_step what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "consumer test: ${what} failed (${rc})")
  endif()
endfunction()

set(prefix ${WORK_DIR}/prefix)
unset(ENV{ASCENDGEN_SOC_DIR})  # the install must find its own data
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR}/scratch)
run_step("install" ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})
# CMAKE_FIND_USE_PACKAGE_REGISTRY/SYSTEM paths off: the consumer must find this install, nothing else.
run_step("configure" ${CMAKE_COMMAND} -S ${CMAKE_CURRENT_LIST_DIR} -B ${WORK_DIR}/build -G ${GENERATOR}
         -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY=OFF
         -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF -DCMAKE_BUILD_TYPE=Release)
run_step("build" ${CMAKE_COMMAND} --build ${WORK_DIR}/build)
run_step("run" ${WORK_DIR}/build/consumer ${prefix} ${WORK_DIR}/scratch)
