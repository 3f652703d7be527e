file(READ ${IN} doc)
file(WRITE ${OUT}.tmp "#include \"ycr/services/openapi.h\"\nnamespace ycr::services {\nconst std::string& openApiDocument() {\n  static const std::string doc = R\"ycrdoc(${doc})ycrdoc\";\n  return doc;\n}\n}  // namespace ycr::services\n")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different ${OUT}.tmp ${OUT})
