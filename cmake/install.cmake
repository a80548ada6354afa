# Install rules and the exported CMake package: another project does
#   find_package(ascendgen 0.1 REQUIRED)
#   target_link_libraries(app PRIVATE ascendgen::ascendgen)   # or ascendgen::sim for kernels only
include(CMakePackageConfigHelpers)

set(ASCENDGEN_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/ascendgen)

set_target_properties(ascendgen_sim PROPERTIES EXPORT_NAME sim)
# The two libraries sit side by side; $ORIGIN keeps libascendgen finding libascendgen_sim when the
# install is moved (a Python wheel).
set_target_properties(ascendgen ascendgen_sim PROPERTIES INSTALL_RPATH "$ORIGIN")
install(TARGETS ascendgen ascendgen_sim EXPORT ascendgenTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
set_target_properties(ascendgen_cli PROPERTIES INSTALL_RPATH "$ORIGIN/../${CMAKE_INSTALL_LIBDIR}")
install(TARGETS ascendgen_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS ascendgen_torch LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
set_target_properties(ascendgen_worker PROPERTIES INSTALL_RPATH "$ORIGIN/../${CMAKE_INSTALL_LIBDIR}")
install(TARGETS ascendgen_worker RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/ascendgen DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.h")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/data/soc/ DESTINATION ${CMAKE_INSTALL_DATADIR}/ascendgen/soc
        FILES_MATCHING PATTERN "*.yaml")
install(FILES ${PROJECT_SOURCE_DIR}/python/ascendgen/importers/npukernelbench.py ${PROJECT_SOURCE_DIR}/python/ascendgen/importers/kernelbench.py
        DESTINATION ${CMAKE_INSTALL_DATADIR}/ascendgen/importers)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/data/prompts/ DESTINATION ${CMAKE_INSTALL_DATADIR}/ascendgen/prompts
        FILES_MATCHING PATTERN "*.md")

install(EXPORT ascendgenTargets NAMESPACE ascendgen:: DESTINATION ${ASCENDGEN_CMAKE_DIR})
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/ascendgenConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/ascendgenConfig.cmake
                              INSTALL_DESTINATION ${ASCENDGEN_CMAKE_DIR})
# 0.x releases may break the API at each minor version.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/ascendgenConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/ascendgenConfig.cmake ${PROJECT_BINARY_DIR}/ascendgenConfigVersion.cmake
        DESTINATION ${ASCENDGEN_CMAKE_DIR})
