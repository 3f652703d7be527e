# `cmake --install` and `cpack -G DEB`: the binary, the data it ships with, the web assets (GOV.UK
# Frontend copied from node_modules at install), the configuration example and the systemd units.
# The installed tree mirrors the source tree under <prefix>/share/ycr, so the binary finds it
# relative to its own location (config.cpp) and never needs the source tree at run time.
include(GNUInstallDirs)
# `cmake --install` and `cpack` install what is built (build the ycr target first) rather than
# building every test and benchmark on the way.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

set(YCR_GOVUK_FRONTEND_DIR "${PROJECT_SOURCE_DIR}/node_modules/govuk-frontend/dist/govuk"
    CACHE PATH "GOV.UK Frontend's compiled dist/govuk, installed with the web assets")
set(YCR_SHARE "${CMAKE_INSTALL_DATADIR}/ycr")

install(TARGETS ycr RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES pathways/data/bank-holidays.json DESTINATION ${YCR_SHARE}/pathways/data)
install(FILES core/data/diminutives.csv DESTINATION ${YCR_SHARE}/core/data)
install(DIRECTORY core/data/questionnaires DESTINATION ${YCR_SHARE}/core/data)
install(DIRECTORY core/data/surveys DESTINATION ${YCR_SHARE}/core/data)
install(DIRECTORY services/web/assets/ DESTINATION ${YCR_SHARE}/services/web/assets PATTERN vendor EXCLUDE)
# Checked at install time, not configure time: node_modules may arrive after cmake has run.
install(CODE "
  if(NOT EXISTS \"${YCR_GOVUK_FRONTEND_DIR}/govuk-frontend.min.css\")
    message(FATAL_ERROR \"GOV.UK Frontend not found in ${YCR_GOVUK_FRONTEND_DIR}: run deploy/install-node-deps.sh first\")
  endif()")
install(FILES ${YCR_GOVUK_FRONTEND_DIR}/govuk-frontend.min.css ${YCR_GOVUK_FRONTEND_DIR}/govuk-frontend.min.js
        DESTINATION ${YCR_SHARE}/node_modules/govuk-frontend/dist/govuk OPTIONAL)
install(DIRECTORY ${YCR_GOVUK_FRONTEND_DIR}/assets DESTINATION ${YCR_SHARE}/node_modules/govuk-frontend/dist/govuk
        OPTIONAL)
install(FILES deploy/ycr.conf.example deploy/nginx.conf DESTINATION ${YCR_SHARE}/examples)

# The units name the installed binary, so they are written for this prefix.
set(YCR_BIN "${CMAKE_INSTALL_FULL_BINDIR}/ycr")
foreach(unit ycr.service ycr-backup.service ycr-backup.timer)
  configure_file(deploy/${unit} ${CMAKE_CURRENT_BINARY_DIR}/deploy/${unit} @ONLY)
  install(FILES ${CMAKE_CURRENT_BINARY_DIR}/deploy/${unit} DESTINATION lib/systemd/system)
endforeach()
install(PROGRAMS deploy/ycr-backup.sh DESTINATION ${CMAKE_INSTALL_LIBEXECDIR}/ycr)

# ---- Debian package ----
set(CPACK_PACKAGE_NAME ycr)
set(CPACK_PACKAGE_VENDOR "ycr")
set(CPACK_PACKAGE_CONTACT "ycr maintainers <ycr@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "The young carers register: case register and referral pathway engine")
# The units and postinst name paths under this prefix: configure with -DCMAKE_INSTALL_PREFIX=/usr for the package.
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
configure_file(deploy/debian/postinst.in ${CMAKE_CURRENT_BINARY_DIR}/deploy/debian/postinst @ONLY
               FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, sqlite3")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    "${CMAKE_CURRENT_BINARY_DIR}/deploy/debian/postinst;${PROJECT_SOURCE_DIR}/deploy/debian/prerm;${PROJECT_SOURCE_DIR}/deploy/debian/postrm")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
